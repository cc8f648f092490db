import type { AuditRepository, Database, Tx } from '@ecs/persistence';
import type { Actor } from '../auth/actor';

export interface Change<T> {
  readonly before: object | null;
  readonly after: object | null;
  readonly result: T;
}

/**
 * Runs an operator's change and writes its audit entry (who, when, before, after) in the same
 * transaction: there is no change without its record, and no record of a change that failed.
 */
export class AuditedChanges {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditRepository,
  ) {}

  async apply<T>(actor: Actor, action: string, target: string, change: (tx: Tx) => Promise<Change<T>>): Promise<T> {
    return this.db.transaction(async (tx) => {
      const { before, after, result } = await change(tx);
      await this.audit.append(tx, { actor: actor.username, action, target, before, after });
      return result;
    });
  }
}
