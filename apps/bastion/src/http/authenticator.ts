import { createHash, timingSafeEqual } from 'node:crypto';
import type { BastionTokenRepository, BastionUserRepository } from '@ecs/persistence';
import { tokenDigest } from '../identity/secret-token';
import type { Principal } from '../identity/principal';
import { BASTION_ROLES, type BastionRole } from '../use-cases/names';

/** Resolves a bearer token to the principal it stands for, or to nobody. */
export class Authenticator {
  private readonly bootstrapDigest: Buffer;

  constructor(
    private readonly users: BastionUserRepository,
    private readonly tokens: BastionTokenRepository,
    bootstrapToken: string,
    private readonly now: () => number,
  ) {
    this.bootstrapDigest = createHash('sha256').update(bootstrapToken).digest();
  }

  async principalFor(token: string): Promise<Principal | undefined> {
    if (token === '') return undefined;
    // Digests compare in constant time whatever the presented length.
    if (timingSafeEqual(createHash('sha256').update(token).digest(), this.bootstrapDigest)) return { kind: 'bootstrap' };
    const session = await this.tokens.findLive(tokenDigest(token), ['session'], this.now());
    const user = session && (await this.users.find(session.username));
    if (!user) return undefined;
    return { kind: 'user', username: user.username, roles: user.roles.filter((r): r is BastionRole => (BASTION_ROLES as readonly string[]).includes(r)) };
  }
}
