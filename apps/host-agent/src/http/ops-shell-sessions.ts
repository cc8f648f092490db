import { randomBytes } from 'node:crypto';
import {
  OpsCredentialRejectedError,
  OpsSessionClosedError,
  type OpsCloseRequest,
  type OpsOpenAnswer,
  type OpsOpenRequest,
  type OpsRunAnswer,
  type OpsRunRequest,
  type OpsShellHost,
  type OpsShellSession,
} from '@ecs/contracts';
import { EcsError } from '@ecs/domain';

/**
 * Longer than the bastion's own 30-minute idle cut-off, so a live terminal never loses its host
 * session first; it only reclaims sessions whose bastion died or lost the way here.
 */
export const OPS_SESSION_IDLE_MS = 35 * 60_000;
const SWEEP_EVERY_MS = 60_000;
/** More live sessions than this on one host is a bastion bug or a flood, not operators at work. */
const MAX_SESSIONS = 256;

interface Held {
  readonly session: OpsShellSession;
  lastUsed: number;
}

/**
 * The host's ops-shell sessions opened over the network, held in the agent process by a random
 * handle (not the bastion's session id, which the bastion logs and shows to auditors): knowing the
 * internal token is not enough to drive another operator's session.
 */
export class OpsShellSessions {
  private readonly held = new Map<string, Held>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly shell: OpsShellHost,
    private readonly now: () => number = Date.now,
    private readonly idleMs = OPS_SESSION_IDLE_MS,
  ) {
    this.sweeper = setInterval(() => void this.sweep(), Math.min(SWEEP_EVERY_MS, idleMs));
    this.sweeper.unref();
  }

  async open(request: OpsOpenRequest): Promise<OpsOpenAnswer> {
    if (typeof request?.credential !== 'object' || request.credential === null) return { opened: false, why: 'malformed' };
    await this.sweep();
    if (this.held.size >= MAX_SESSIONS) throw new EcsError('ServiceUnavailable', 'Too many ops sessions are open on this host.');
    try {
      const session = await this.shell.openSession(request.credential);
      const handle = randomBytes(24).toString('base64url');
      this.held.set(handle, { session, lastUsed: this.now() });
      return { opened: true, handle, sessionId: session.sessionId, role: session.role };
    } catch (error) {
      if (error instanceof OpsCredentialRejectedError) return { opened: false, why: error.why };
      throw error;
    }
  }

  async run(request: OpsRunRequest): Promise<OpsRunAnswer> {
    // An idle session is gone from the moment it expires, not from the next sweep.
    await this.sweep();
    const entry = this.entry(request?.handle);
    if (!entry || typeof request.line !== 'string') return { closed: true };
    entry.lastUsed = this.now();
    try {
      return { closed: false, result: await entry.session.run(request.line) };
    } catch (error) {
      if (error instanceof OpsSessionClosedError) return { closed: true };
      throw error;
    } finally {
      entry.lastUsed = this.now();
    }
  }

  async close(request: OpsCloseRequest): Promise<void> {
    const entry = this.entry(request?.handle);
    if (!entry) return;
    this.held.delete(request.handle);
    await entry.session.close();
  }

  /** Ends every session: the agent is stopping. */
  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    const sessions = [...this.held.values()].map((h) => h.session);
    this.held.clear();
    await Promise.all(sessions.map((s) => s.close()));
  }

  get size(): number {
    return this.held.size;
  }

  private entry(handle: unknown): Held | undefined {
    return typeof handle === 'string' ? this.held.get(handle) : undefined;
  }

  private async sweep(): Promise<void> {
    const cutoff = this.now() - this.idleMs;
    const idle = [...this.held].filter(([, h]) => h.lastUsed < cutoff);
    for (const [handle] of idle) this.held.delete(handle);
    await Promise.all(idle.map(([, h]) => h.session.close()));
  }
}
