import type { LiveSessionInfo, SessionEndReason, TerminalSession } from './terminal-session';

export interface LiveSessionView {
  readonly sessionId: string;
  readonly username: string;
  readonly hostId: string;
  readonly role: string;
  readonly clientAddress: string;
  readonly startedAt: string;
}

export function viewOf(info: LiveSessionInfo): LiveSessionView {
  return { sessionId: info.sessionId, username: info.username, hostId: info.hostId, role: info.role, clientAddress: info.clientAddress, startedAt: new Date(info.startedAt).toISOString() };
}

/** The terminal sessions open through this bastion process. */
export class LiveSessions {
  private readonly sessions = new Map<string, TerminalSession>();

  add(session: TerminalSession): void {
    this.sessions.set(session.info.sessionId, session);
  }

  remove(sessionId: string): void {
    this.sessions.delete(sessionId);
  }

  get(sessionId: string): TerminalSession | undefined {
    return this.sessions.get(sessionId);
  }

  all(): TerminalSession[] {
    return [...this.sessions.values()];
  }

  async endAll(reason: SessionEndReason): Promise<void> {
    await Promise.all(this.all().map((s) => s.end(reason)));
  }
}
