import type { BastionDeps } from '../../bastion-deps';
import { tokenDigest } from '../../identity/secret-token';
import type { Principal } from '../../identity/principal';

/** Ends the caller's API session; its live terminals keep their own lifetime. */
export class Logout {
  constructor(private readonly deps: BastionDeps) {}

  async execute(principal: Principal, sessionToken: string): Promise<{ loggedOut: true }> {
    await this.deps.tokens.revoke(tokenDigest(sessionToken));
    if (principal.kind === 'user') await this.deps.audit.record({ actor: principal.username, action: 'logout', target: principal.username, outcome: 'ok' });
    return { loggedOut: true };
  }
}
