import type { Candidacy, Coordinator } from '@ecs/coordination';
import { EcsError } from '@ecs/domain';
import { createLogger } from '@ecs/observability';
import { leaderScope } from '../fencing/leader-scope';

const log = createLogger('control.leadership');

/**
 * Control acts only while it leads. The election epoch fences every command to a host agent and
 * every leader-only write; losing the session means "maybe not leader": stop at once.
 */
export class ControlLeadership {
  private candidacy: Candidacy | undefined;
  private currentEpoch: number | undefined;
  private readonly listeners: ((leading: boolean) => void)[] = [];

  constructor(
    private readonly coordinator: Coordinator,
    private readonly candidateId: string,
  ) {}

  async campaign(): Promise<void> {
    // The coordinator may report the election before `campaign` resolves; listeners hear of it only
    // once the candidacy is known, since isLeader() and epoch() consult it.
    let electedEarly = false;
    this.candidacy = await this.coordinator.campaign('control-leader', this.candidateId, {
      onElected: (epoch) => {
        this.currentEpoch = epoch;
        log.info('elected control leader', { candidateId: this.candidateId, epoch });
        if (this.candidacy) this.announceElected(epoch);
        else electedEarly = true;
      },
      onDeposed: () => {
        log.warn('lost control leadership', { candidateId: this.candidateId, epoch: this.currentEpoch });
        electedEarly = false;
        this.currentEpoch = undefined;
        this.listeners.forEach((l) => l(false));
      },
    });
    if (electedEarly && this.currentEpoch !== undefined) this.announceElected(this.currentEpoch);
  }

  /** Whatever the listeners start (deadline sweeps, the outbox relay) writes as this epoch's leader. */
  private announceElected(epoch: number): void {
    leaderScope.run(epoch, () => this.listeners.forEach((l) => l(true)));
  }

  onChange(listener: (leading: boolean) => void): void {
    this.listeners.push(listener);
  }

  isLeader(): boolean {
    return this.currentEpoch !== undefined && this.candidacy?.epoch() !== undefined;
  }

  /**
   * The fencing epoch; a follower refuses to act rather than act with a stale one. Asks the
   * candidacy each time (its lease check), so a process resumed after SIGSTOP refuses before any
   * of its disconnect callbacks have run.
   */
  epoch(): number {
    const epoch = this.currentEpoch !== undefined ? this.candidacy?.epoch() : undefined;
    if (epoch === undefined) throw new EcsError('ServiceUnavailable', 'The control service is electing a leader; retry shortly.');
    return epoch;
  }

  async resign(): Promise<void> {
    await this.candidacy?.resign();
  }
}
