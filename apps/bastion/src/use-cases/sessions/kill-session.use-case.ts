import { z } from 'zod';
import type { BastionDeps } from '../../bastion-deps';
import { BastionError } from '../../errors/bastion-error';
import { actorOf, type Principal } from '../../identity/principal';
import type { LiveSessions } from '../../terminal/live-sessions';
import { validate } from '../validate';

export const sessionId = z.string().regex(/^bs-[0-9a-f-]{36}$/, 'a session id (bs-…)');

/** Ends a live session now; the user sees why, the recording and the audit log say who did it. */
export class KillSession {
  constructor(
    private readonly deps: BastionDeps,
    private readonly live: LiveSessions,
  ) {}

  async execute(principal: Principal, rawSessionId: string): Promise<{ sessionId: string; killed: true }> {
    const id = validate(sessionId, rawSessionId);
    const session = this.live.get(id);
    if (!session || session.ended) throw new BastionError('SessionNotFound', 'No live session with this id on this bastion.');
    await this.deps.audit.record({ actor: actorOf(principal), action: 'session.kill', target: session.info.hostId, outcome: 'ok', sessionId: id, detail: { user: session.info.username } });
    await session.end('killed');
    return { sessionId: id, killed: true };
  }
}
