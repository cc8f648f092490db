import { roleCovers } from '@ecs/contracts';
import type { BastionAccessRepository } from '@ecs/persistence';
import { createLogger } from '@ecs/observability';
import type { AccessPolicy } from '../access/access-policy';
import type { LiveSessions } from './live-sessions';
import type { TerminalSession } from './terminal-session';

const log = createLogger('bastion.reauthoriser');

/**
 * Holds every live session to the grants that opened it: a revocation, a group change or an
 * expiry ends the sessions that lost their access (or the role they opened with). Run at once
 * after changes made here, and periodically for expiries and changes made by other replicas.
 */
export class SessionReauthoriser {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly live: LiveSessions,
    private readonly policy: AccessPolicy,
    private readonly access: BastionAccessRepository,
    private readonly now: () => number,
  ) {}

  startPeriodic(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.reauthorise().catch((error: unknown) => log.warn('periodic re-authorisation failed', { error }));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Ends the live sessions whose access is gone; resolves with how many ended. */
  async reauthorise(): Promise<number> {
    // A pass already running may have read grants from before the caller's change: queue behind it.
    const previous = this.running ?? Promise.resolve(0);
    const pass = previous.catch(() => 0).then(() => this.pass());
    this.running = pass;
    return pass;
  }

  private async pass(): Promise<number> {
    let ended = 0;
    for (const session of this.live.all()) {
      if (session.ended) continue;
      const { username, hostId, role } = session.info;
      const access = await this.policy.authorise(username, hostId, this.now());
      if (access && roleCovers(access.role, role)) continue;
      await session.end(await this.whyLost(session));
      ended += 1;
    }
    return ended;
  }

  /** Expired when every grant that opened the session has run out; otherwise access was withdrawn. */
  private async whyLost(session: TerminalSession): Promise<'grant-expired' | 'grant-revoked'> {
    const now = this.now();
    const grants = await Promise.all(session.info.grantIds.map((id) => this.access.findGrant(id)));
    return grants.every((g) => g && g.revokedAt === null && g.expiresAt <= now) ? 'grant-expired' : 'grant-revoked';
  }
}
