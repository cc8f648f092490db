import type { Lock } from '../coordinator.port';
import { LockTimeoutError, SessionExpiredError } from '../coordination-errors';
import { createQueueNode, queueOrder, type QueueNode } from './queue-node';
import { isSessionTrouble, isZkError } from './zk-errors';
import { childPath } from './zk-paths';
import type { SessionObserver, ZooKeeperSession } from './zookeeper-session';

const KIND = 'lock';

/**
 * One caller waiting for a lock, by ZooKeeper's lock recipe: an EPHEMERAL_SEQUENTIAL node under
 * the lock's path; the lowest sequence holds the lock; each waiter watches only the node just
 * ahead of it. The timeout bounds the waiting (for holders ahead, or for the session to come
 * back); a free lock is granted even with a timeout of 0. A lock is only as good as its session:
 * when the session expires, the node and so the lock are gone.
 */
export class ZooKeeperLockRequest implements SessionObserver {
  private node: QueueNode | undefined;
  private wake: () => void = () => undefined;
  private failure: Error | undefined;

  constructor(
    private readonly session: ZooKeeperSession,
    private readonly dir: string,
    private readonly name: string,
    private readonly timeoutMs: number,
  ) {}

  /**
   * @throws LockTimeoutError when the wait outlasts the timeout.
   * @throws SessionExpiredError when the session expired while waiting (its place in line is gone).
   */
  async acquire(): Promise<Lock> {
    const deadline = Date.now() + this.timeoutMs;
    const stopObserving = this.session.observe(this);
    try {
      await this.session.current.mkdirp(this.dir);
      this.node = await createQueueNode(this.session, this.dir, KIND, Buffer.alloc(0));
      for (;;) {
        this.assertWanted();
        const changed = new Promise<void>((resolve) => (this.wake = resolve));
        if (await this.headOfLine()) {
          this.assertWanted();
          return this.held(this.node);
        }
        await this.wait(changed, deadline);
      }
    } catch (error) {
      await this.removeNode();
      throw error;
    } finally {
      stopObserving();
    }
  }

  /** The coordinator is closing: give up waiting. */
  abandon(reason: Error): void {
    this.failure ??= reason;
    this.wake();
  }

  suspended(): void {}

  resumed(): void {
    this.wake();
  }

  renewed(): void {
    this.wake();
  }

  private assertWanted(): void {
    if (this.failure) throw this.failure;
  }

  /** @returns true when our node is first; false after leaving a watch on the node ahead (or on session trouble). */
  private async headOfLine(): Promise<boolean> {
    const node = this.node!;
    if (this.session.generation !== node.generation) throw new SessionExpiredError(`waiter for lock "${this.name}"`);
    const client = this.session.current;
    try {
      const queue = queueOrder(await client.getChildren(this.dir), KIND);
      const place = queue.findIndex((entry) => entry.name === node.name);
      if (place < 0) throw new SessionExpiredError(`waiter for lock "${this.name}"`);
      if (place === 0) return true;
      const stat = await client.exists(childPath(this.dir, queue[place - 1].name), () => this.wake());
      if (stat === null) this.wake();
      return false;
    } catch (error) {
      // The session settling (resumed or renewed) wakes the wait.
      if (isSessionTrouble(error)) return false;
      throw error;
    }
  }

  private async wait(changed: Promise<void>, deadline: number): Promise<void> {
    const left = deadline - Date.now();
    if (left <= 0) throw new LockTimeoutError(this.name, this.timeoutMs);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([changed, new Promise<void>((resolve) => (timer = setTimeout(resolve, left)))]);
    clearTimeout(timer);
  }

  private held(node: QueueNode): Lock {
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        this.node = node;
        await this.removeNode();
      },
    };
  }

  private async removeNode(): Promise<void> {
    const node = this.node;
    this.node = undefined;
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
