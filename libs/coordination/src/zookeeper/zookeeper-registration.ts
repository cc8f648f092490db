import type { Logger } from '@ecs/observability';
import type { Registration } from '../coordinator.port';
import { SessionExpiredError } from '../coordination-errors';
import { CoalescingRunner } from './coalescing-runner';
import { isSessionTrouble, isZkError, MemberTakenError } from './zk-errors';
import type { SessionObserver, ZooKeeperSession } from './zookeeper-session';

/**
 * An EPHEMERAL node <root>/groups/<group>/<id> holding the member's data as JSON. It lasts as long
 * as the session; when the session is renewed after an expiry the node is created again with the
 * latest data, so a host that merely lost its session reappears on its own.
 */
export class ZooKeeperRegistration implements Registration, SessionObserver {
  private data: Buffer;
  /** The session generation whose node carries our data; undefined while we have none. */
  private ownedIn: number | undefined;
  private closed = false;
  private readonly stopObserving: () => void;
  private readonly reregister = new CoalescingRunner(() => this.recreate());
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly session: ZooKeeperSession,
    private readonly path: string,
    data: unknown,
    private readonly log: Logger,
    private readonly onGone: () => void,
  ) {
    this.data = Buffer.from(JSON.stringify(data));
    this.stopObserving = session.observe(this);
  }

  /**
   * Creates the node. A node of the same id held by another session is waited out for up to
   * `takeoverMs` — a restarted process finds its previous life's node until that session expires.
   * @throws MemberTakenError if it is still there after that.
   */
  async create(takeoverMs: number): Promise<void> {
    const deadline = Date.now() + takeoverMs;
    for (;;) {
      try {
        if (await this.tryCreate(deadline, takeoverMs)) return;
      } catch (error) {
        if (!isSessionTrouble(error)) throw error;
        await this.session.settled();
        if (this.session.isClosed) throw new SessionExpiredError(`member ${this.path}`);
      }
    }
  }

  async update(data: unknown): Promise<void> {
    if (this.closed) throw new SessionExpiredError(`member ${this.path}`);
    this.data = Buffer.from(JSON.stringify(data));
    await this.write();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.abandon();
    await this.reregister.idle();
    for (;;) {
      const generation = this.ownedIn;
      if (generation === undefined || this.session.isClosed || this.session.generation !== generation) return;
      try {
        await this.session.current.remove(this.path);
        return;
      } catch (error) {
        if (isZkError(error, 'NO_NODE') || isZkError(error, 'SESSION_EXPIRED')) return;
        if (!isZkError(error, 'CONNECTION_LOSS')) throw error;
        await this.session.settled();
      }
    }
  }

  /** The coordinator is closing: the node goes with the session. */
  abandon(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.stopObserving();
    this.onGone();
  }

  suspended(): void {}

  resumed(): void {}

  renewed(): void {
    this.ownedIn = undefined;
    this.reregister.request();
  }

  /** Writes the latest data to our node, if we have one now; a re-creation in progress writes it anyway. */
  private async write(): Promise<void> {
    for (;;) {
      const generation = this.ownedIn;
      if (this.closed || generation === undefined || this.session.generation !== generation) return;
      try {
        await this.session.current.setData(this.path, this.data);
        return;
      } catch (error) {
        if (isZkError(error, 'NO_NODE') || isZkError(error, 'SESSION_EXPIRED')) return;
        if (!isZkError(error, 'CONNECTION_LOSS')) throw error;
        await this.session.settled();
      }
    }
  }

  private async recreate(): Promise<void> {
    if (this.closed) return;
    try {
      // Our old session's node, if the server still holds it, goes when that session expires.
      await this.create(Number.POSITIVE_INFINITY);
      this.log.info('member registered again after a new session', { path: this.path });
    } catch (error) {
      if (this.closed) return;
      this.log.error('cannot register member again; retrying', { path: this.path, error });
      this.retryTimer = setTimeout(() => this.reregister.request(), this.session.timeoutMs / 3);
    }
  }

  /** @returns true once our node exists with our latest data; false to try again. */
  private async tryCreate(deadline: number, takeoverMs: number): Promise<boolean> {
    const client = this.session.current;
    const generation = this.session.generation;
    const data = this.data;
    try {
      await client.create(this.path, data, 'ephemeral');
      this.ownedIn = generation;
      if (data !== this.data) await this.write();
      return true;
    } catch (error) {
      if (!isZkError(error, 'NODE_EXISTS')) throw error;
    }
    let wake: () => void = () => undefined;
    const changed = new Promise<void>((resolve) => (wake = resolve));
    const stat = await client.exists(this.path, () => wake());
    if (stat === null) return false;
    if (client.owns(stat)) {
      // Ours already: a create whose answer was lost with the connection.
      this.ownedIn = generation;
      await this.write();
      return true;
    }
    const left = deadline - Date.now();
    if (left <= 0) throw new MemberTakenError(this.path, takeoverMs);
    let timer: NodeJS.Timeout | undefined;
    const stopWaiting = this.session.observe({ suspended: () => undefined, resumed: () => wake(), renewed: () => wake() });
    try {
      await Promise.race([changed, new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.min(left, 2 ** 31 - 1))))]);
    } finally {
      clearTimeout(timer);
      stopWaiting();
    }
    return false;
  }
}
