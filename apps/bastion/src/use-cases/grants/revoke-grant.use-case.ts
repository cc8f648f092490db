import { z } from 'zod';
import type { BastionDeps } from '../../bastion-deps';
import { BastionError } from '../../errors/bastion-error';
import { actorOf, type Principal } from '../../identity/principal';
import type { SessionReauthoriser } from '../../terminal/session-reauthoriser';
import { validate } from '../validate';

const grantId = z.string().regex(/^bg-[0-9a-f-]{36}$/, 'a grant id (bg-…)');

/** Revokes a grant and, before answering, ends the live sessions that depended on it. */
export class RevokeGrant {
  constructor(
    private readonly deps: BastionDeps,
    private readonly reauthoriser: SessionReauthoriser,
  ) {}

  async execute(principal: Principal, rawGrantId: string): Promise<{ grantId: string; revoked: true; sessionsEnded: number }> {
    const id = validate(grantId, rawGrantId);
    const actor = actorOf(principal);
    if (!(await this.deps.access.revokeGrant(id, actor, this.deps.now()))) throw new BastionError('GrantNotFound');
    await this.deps.audit.record({ actor, action: 'grant.revoke', target: id, outcome: 'ok' });
    return { grantId: id, revoked: true, sessionsEnded: await this.reauthoriser.reauthorise() };
  }
}
