import type { Logger } from '@ecs/observability';
import type { Member, MembershipListener } from '../coordinator.port';
import { CoalescingRunner } from './coalescing-runner';
import { readMembers } from './group-members';
import { notifyListener } from './notify-listener';
import { isSessionTrouble } from './zk-errors';
import type { SessionObserver, ZooKeeperSession } from './zookeeper-session';

/**
 * Keeps a listener told of a group's full member list: the current list first, then the whole
 * list after every change. ZooKeeper watches fire once and carry no data, so each one triggers a
 * re-read that sets the next watches; an unchanged list (two watches for one change) is not told twice.
 */
export class GroupWatch implements SessionObserver {
  private closed = false;
  private lastDelivered: string | undefined;
  private stopObserving: () => void = () => undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly runner = new CoalescingRunner(() => this.reread());
  private readonly onWatch = () => this.runner.request();

  constructor(
    private readonly session: ZooKeeperSession,
    private readonly dir: string,
    private readonly listener: MembershipListener<unknown>,
    private readonly log: Logger,
  ) {}

  /** Reads and delivers the current members. @throws whatever ZooKeeper throws on that first read. */
  async start(): Promise<void> {
    this.stopObserving = this.session.observe(this);
    try {
      this.deliver(await readMembers(this.session.current, this.dir, this.log, this.onWatch));
    } catch (error) {
      this.close();
      throw error;
    }
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.stopObserving();
  }

  suspended(): void {}

  // The library re-arms watches on reconnect, but a re-read costs little and covers a missed change.
  resumed(): void {
    this.runner.request();
  }

  /** Watches die with the session: the re-read sets them on the new one. */
  renewed(): void {
    this.runner.request();
  }

  private async reread(): Promise<void> {
    if (this.closed) return;
    try {
      this.deliver(await readMembers(this.session.current, this.dir, this.log, this.onWatch));
    } catch (error) {
      if (isSessionTrouble(error)) return;
      this.log.error('group watch read failed; retrying', { group: this.dir, error });
      this.retryTimer = setTimeout(() => this.runner.request(), this.session.timeoutMs / 3);
    }
  }

  private deliver(members: Member<unknown>[]): void {
    if (this.closed) return;
    const key = JSON.stringify(members);
    if (key === this.lastDelivered) return;
    this.lastDelivered = key;
    notifyListener(`membership of ${this.dir}`, () => {
      // A watch closed after the change but before delivery hears nothing more.
      if (!this.closed) this.listener(members);
    });
  }
}
