import type { BastionDeps } from '../../bastion-deps';
import { viewOf, type LiveSessions, type LiveSessionView } from '../../terminal/live-sessions';

const RECENT = 100;

export interface SessionHistoryView {
  readonly sessionId: string;
  readonly username: string;
  readonly hostId: string;
  readonly role: string;
  readonly clientAddress: string;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly endReason: string | null;
}

/** Live sessions on this bastion, and the most recent ones from the record. */
export class ListSessions {
  constructor(
    private readonly deps: BastionDeps,
    private readonly live: LiveSessions,
  ) {}

  async execute(): Promise<{ live: LiveSessionView[]; recent: SessionHistoryView[] }> {
    const recent = await this.deps.sessions.recent(RECENT);
    return {
      live: this.live.all().filter((s) => !s.ended).map((s) => viewOf(s.info)),
      recent: recent.map((r) => ({
        sessionId: r.sessionId,
        username: r.username,
        hostId: r.hostId,
        role: r.role,
        clientAddress: r.clientAddress,
        startedAt: new Date(r.startedAt).toISOString(),
        endedAt: r.endedAt === null ? null : new Date(r.endedAt).toISOString(),
        endReason: r.endReason,
      })),
    };
  }
}
