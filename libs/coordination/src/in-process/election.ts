import type { Candidacy, LeadershipListener } from '../coordinator.port';
import { notify } from './notify';

type CandidateState = { readonly kind: 'waiting' } | { readonly kind: 'leading'; readonly epoch: number } | { readonly kind: 'gone' };

class Candidate implements Candidacy {
  state: CandidateState = { kind: 'waiting' };

  constructor(
    readonly candidateId: string,
    readonly listener: LeadershipListener,
    private readonly election: Election,
  ) {}

  isLeader(): boolean {
    return this.state.kind === 'leading';
  }

  epoch(): number | undefined {
    return this.state.kind === 'leading' ? this.state.epoch : undefined;
  }

  async resign(): Promise<void> {
    this.election.withdraw(this);
  }
}

/**
 * One election, modelled on ZooKeeper's recipe: candidates queue in arrival order (sequential
 * nodes) and the head leads. Every new leader gets the previous leader's epoch plus one, and the
 * counter survives an empty queue, so a fenced write from any earlier leader is always older.
 */
export class Election {
  private readonly queue: Candidate[] = [];
  private lastEpoch = 0;

  constructor(readonly name: string) {}

  join(candidateId: string, listener: LeadershipListener): Candidacy {
    if (this.queue.some((c) => c.candidateId === candidateId)) {
      throw new Error(`candidate "${candidateId}" is already campaigning in election "${this.name}"`);
    }
    const candidate = new Candidate(candidateId, listener, this);
    this.queue.push(candidate);
    this.promoteHead();
    return candidate;
  }

  /** Drops candidates with this id (session expiry); returns how many there were. */
  expire(candidateId: string): number {
    const expiring = this.queue.filter((c) => c.candidateId === candidateId);
    for (const candidate of expiring) this.withdraw(candidate);
    return expiring.length;
  }

  /** Waiting candidates go first, so removing the leader last promotes no one. */
  withdrawAll(): void {
    for (const candidate of [...this.queue].reverse()) this.withdraw(candidate);
  }

  withdraw(candidate: Candidate): void {
    const index = this.queue.indexOf(candidate);
    if (index < 0) return;
    this.queue.splice(index, 1);
    const wasLeading = candidate.state.kind === 'leading';
    candidate.state = { kind: 'gone' };
    if (wasLeading) {
      notify(`deposed ${candidate.candidateId} in ${this.name}`, () => candidate.listener.onDeposed());
      this.promoteHead();
    }
  }

  private promoteHead(): void {
    const head = this.queue[0];
    if (head === undefined || head.state.kind !== 'waiting') return;
    const epoch = ++this.lastEpoch;
    head.state = { kind: 'leading', epoch };
    notify(`elected ${head.candidateId} in ${this.name}`, () => head.listener.onElected(epoch));
  }
}
