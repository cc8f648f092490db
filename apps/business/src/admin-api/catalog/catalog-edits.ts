import type { Tx } from '@ecs/persistence';
import type { AuditedChanges, Change } from '../audit/audited-changes';
import type { Actor } from '../auth/actor';

/** Told once a catalog edit has committed, so the tenant API's catalog caches (in every business replica) drop what they hold. */
export type CatalogChanged = () => Promise<void>;

/**
 * A catalog edit: an audited change, then the notice for the catalog caches. The notice follows the
 * commit, so no tenant read can refill a cache from the rows the edit replaced afterwards.
 */
export class CatalogEdits {
  constructor(
    private readonly changes: AuditedChanges,
    private readonly catalogChanged: CatalogChanged,
  ) {}

  async apply<T>(actor: Actor, action: string, target: string, change: (tx: Tx) => Promise<Change<T>>): Promise<T> {
    const result = await this.changes.apply(actor, action, target, change);
    await this.catalogChanged();
    return result;
  }
}
