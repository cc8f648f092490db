import type { Logger } from '@ecs/observability';
import type { Candidacy, LeadershipListener } from '../coordinator.port';
import { CoalescingRunner } from './coalescing-runner';
import { notifyListener } from './notify-listener';
import { createQueueNode, queueOrder, type QueueNode } from './queue-node';
import { isSessionTrouble, isZkError } from './zk-errors';
import { childPath } from './zk-paths';
import type { SessionObserver, ZooKeeperSession } from './zookeeper-session';

const KIND = 'candidate';

/**
 * One candidate in ZooKeeper's leader-election recipe: an EPHEMERAL_SEQUENTIAL node under the
 * election's path; the lowest sequence leads; every other candidate watches only the node just
 * ahead of it, so a departure wakes one process, not the herd. The epoch is the leader's
 * sequence number plus one (docs/decisions/0020 says why it only rises).
 */
export class ZooKeeperCandidacy implements Candidacy, SessionObserver {
  private node: QueueNode | undefined;
  private leadingEpoch: number | undefined;
  /** Whether the listener's last word was onElected, so every election is paired with one deposition. */
  private announced = false;
  private resigned = false;
  private readonly runner = new CoalescingRunner(() => this.check());
  private readonly stopObserving: () => void;
  private readonly onWatch = () => this.runner.request();
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly session: ZooKeeperSession,
    private readonly dir: string,
    readonly candidateId: string,
    private readonly listener: LeadershipListener,
    private readonly log: Logger,
    private readonly onGone: () => void,
  ) {
    this.stopObserving = session.observe(this);
  }

  /** Joins the queue and settles this candidate's first standing. */
  async start(): Promise<void> {
    await this.runner.run();
  }

  isLeader(): boolean {
    return this.leadingEpoch !== undefined && this.session.isHealthy();
  }

  epoch(): number | undefined {
    return this.isLeader() ? this.leadingEpoch : undefined;
  }

  async resign(): Promise<void> {
    if (this.resigned) return;
    this.resigned = true;
    clearTimeout(this.retryTimer);
    this.depose();
    this.stopObserving();
    this.onGone();
    await this.runner.idle();
    await this.removeNode();
  }

  /** The coordinator is closing: its session goes, and the node with it. */
  abandon(): void {
    this.resigned = true;
    clearTimeout(this.retryTimer);
    this.depose();
    this.stopObserving();
  }

  suspended(): void {
    this.depose();
  }

  resumed(): void {
    this.runner.request();
  }

  renewed(): void {
    this.runner.request();
  }

  private async check(): Promise<void> {
    if (this.resigned) return;
    const client = this.session.current;
    const generation = this.session.generation;
    try {
      if (this.node?.generation !== generation) {
        this.node = undefined;
        this.node = await createQueueNode(this.session, this.dir, KIND, Buffer.from(this.candidateId));
        if (this.resigned) return;
      }
      const node = this.node;
      const queue = queueOrder(await client.getChildren(this.dir), KIND);
      if (this.resigned || this.session.generation !== generation) return;
      const place = queue.findIndex((entry) => entry.name === node.name);
      if (place < 0) {
        // Someone removed our node: we have lost our place and queue again at the back.
        this.log.warn('election node vanished; campaigning again', { candidateId: this.candidateId, node: node.name });
        this.depose();
        this.node = undefined;
        this.runner.request();
        return;
      }
      if (place === 0) {
        // Only a live session may lead; a suspended one is re-checked when it resumes.
        if (this.session.isHealthy()) this.elect(node.sequence + 1);
        return;
      }
      this.depose();
      const ahead = childPath(this.dir, queue[place - 1].name);
      if ((await client.exists(ahead, this.onWatch)) === null) this.runner.request();
    } catch (error) {
      // Session trouble is followed by `resumed` or `renewed`, which check again.
      if (isSessionTrouble(error)) return;
      this.log.error('election check failed; retrying', { candidateId: this.candidateId, error });
      this.retryTimer = setTimeout(() => this.runner.request(), this.session.timeoutMs / 3);
    }
  }

  private elect(epoch: number): void {
    this.leadingEpoch = epoch;
    if (this.announced) return;
    this.announced = true;
    this.log.info('elected', { candidateId: this.candidateId, epoch });
    notifyListener(`elected ${this.candidateId}`, () => this.listener.onElected(epoch));
  }

  private depose(): void {
    this.leadingEpoch = undefined;
    if (!this.announced) return;
    this.announced = false;
    this.log.warn('deposed', { candidateId: this.candidateId });
    notifyListener(`deposed ${this.candidateId}`, () => this.listener.onDeposed());
  }

  private async removeNode(): Promise<void> {
    const node = this.node;
    if (node === undefined) return;
    for (;;) {
      if (this.session.isClosed || this.session.generation !== node.generation) return;
      try {
        await this.session.current.remove(childPath(this.dir, node.name));
        return;
      } catch (error) {
        if (isZkError(error, 'NO_NODE') || isZkError(error, 'SESSION_EXPIRED')) return;
        if (!isZkError(error, 'CONNECTION_LOSS')) throw error;
        await this.session.settled();
      }
    }
  }
}
