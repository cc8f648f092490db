import type { BastionDeps } from '../../bastion-deps';
import { grantView, type GrantView } from './grant-view';

/** Every grant, revoked and expired ones included, so administrators see the history. */
export class ListGrants {
  constructor(private readonly deps: BastionDeps) {}

  async execute(): Promise<GrantView[]> {
    const now = this.deps.now();
    return (await this.deps.access.listGrants()).map((g) => grantView(g, now));
  }
}
