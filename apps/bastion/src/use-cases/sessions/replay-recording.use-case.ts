import type { BastionDeps } from '../../bastion-deps';
import { BastionError } from '../../errors/bastion-error';
import { actorOf, holdsRole, type Principal } from '../../identity/principal';
import { validate } from '../validate';
import { sessionId } from './kill-session.use-case';

/**
 * A session's asciicast v2 recording, for auditors only. Refusals are audited too: asking for
 * someone else's session is worth knowing about.
 */
export class ReplayRecording {
  constructor(private readonly deps: BastionDeps) {}

  async execute(principal: Principal, rawSessionId: string): Promise<string> {
    const id = validate(sessionId, rawSessionId);
    const actor = actorOf(principal);
    if (!holdsRole(principal, 'auditor')) {
      await this.deps.audit.record({ actor, action: 'recording.replay', target: id, outcome: 'refused', sessionId: id, detail: { reason: 'not-an-auditor' } });
      throw new BastionError('Forbidden', 'Only users with the auditor role may replay recordings.');
    }
    const chunks = await this.deps.sessions.recording(id);
    if (!chunks.length) throw new BastionError('RecordingNotFound');
    await this.deps.audit.record({ actor, action: 'recording.replay', target: id, outcome: 'ok', sessionId: id });
    return chunks.join('');
  }
}
