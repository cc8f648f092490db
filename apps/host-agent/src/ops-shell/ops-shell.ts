import {
  OpsCredentialRejectedError,
  verifyOpsCredential,
  type OpsSessionCredential,
  type OpsShellHost,
  type OpsShellSession,
} from '@ecs/contracts';
import type { HypervisorDriver } from '@ecs/hypervisor';
import { createLogger, type Logger } from '@ecs/observability';
import type { OpsHostFacts } from './commands/ops-command';
import { InterpretingSession } from './interpreting-session';
import { ReplayGuard } from './replay-guard';

export interface OpsShellOptions {
  readonly facts: OpsHostFacts;
  readonly driver: HypervisorDriver;
  /** Shared with the bastion, which signs every session open with it. */
  readonly key: Buffer;
  readonly now?: () => number;
}

/**
 * The host's ops shell: not a system shell but a line interpreter over the hypervisor API and host
 * facts. It opens a session only for a credential the bastion signed for this host, unexpired and
 * never seen before; the credential's role is the session's for its whole life.
 */
export class OpsShell implements OpsShellHost {
  private readonly replay = new ReplayGuard();
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly startedAt: number;

  constructor(private readonly options: OpsShellOptions) {
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    this.log = createLogger('host-agent.ops-shell', { hostId: options.facts.hostId });
  }

  async openSession(credential: OpsSessionCredential): Promise<OpsShellSession> {
    const now = this.now();
    try {
      const claims = verifyOpsCredential(credential, this.options.key, { hostId: this.options.facts.hostId, now });
      if (!this.replay.firstUse(claims.sessionId, claims.expiresAt, now)) throw new OpsCredentialRejectedError('replayed');
      this.log.info('ops session opened', { sessionId: claims.sessionId, user: claims.user, role: claims.role });
      return new InterpretingSession(claims, { driver: this.options.driver, facts: this.options.facts, role: claims.role, now: this.now, startedAt: this.startedAt }, this.log);
    } catch (error) {
      if (error instanceof OpsCredentialRejectedError) this.log.warn('ops session refused', { why: error.why });
      throw error;
    }
  }
}
