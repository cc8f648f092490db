import { createLogger } from '@ecs/observability';

const log = createLogger('events.in-process');

export interface RetryBackoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

/** One key's events, oldest first; the head stays until its handler succeeds. */
interface KeyQueue {
  readonly events: unknown[];
  pumping: boolean;
  /** Cuts a retry pause short when the group's handler is detached. */
  wake: (() => void) | undefined;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A consumer group's view of one topic: a FIFO per key, each drained by its own pump, so keys run
 * concurrently while one key's events run strictly in order. Events wait here while no handler is
 * attached, as a Kafka group's uncommitted offsets do, and flow again when one attaches.
 */
export class ConsumerGroup {
  private handler: ((event: unknown) => Promise<void>) | undefined;
  private readonly queues = new Map<string, KeyQueue>();
  private activePumps = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    readonly topic: string,
    readonly name: string,
    private readonly backoff: RetryBackoff,
    private readonly onDelivered: () => void,
  ) {}

  get attached(): boolean {
    return this.handler !== undefined;
  }

  attach(handler: (event: unknown) => Promise<void>): void {
    if (this.handler) throw new Error(`consumer group "${this.name}" already has a handler on ${this.topic}`);
    this.handler = handler;
    for (const [key, queue] of this.queues) {
      if (!queue.pumping) void this.pump(key, queue);
    }
  }

  /** Stops delivery; resolves once no handler call of this group is still running. */
  async detach(): Promise<void> {
    this.handler = undefined;
    for (const queue of this.queues.values()) queue.wake?.();
    if (this.activePumps > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  enqueue(key: string, event: unknown): void {
    let queue = this.queues.get(key);
    if (queue === undefined) {
      queue = { events: [], pumping: false, wake: undefined };
      this.queues.set(key, queue);
    }
    queue.events.push(event);
    if (this.handler && !queue.pumping) void this.pump(key, queue);
  }

  /** Events not yet handled. */
  pending(): number {
    let count = 0;
    for (const queue of this.queues.values()) count += queue.events.length;
    return count;
  }

  /** Never rejects: a failing handler is retried, and the loop's bookkeeping is in `finally`. */
  private async pump(key: string, queue: KeyQueue): Promise<void> {
    queue.pumping = true;
    this.activePumps++;
    try {
      // Delivery never runs inside the publisher's call stack.
      await nextTurn();
      let attempt = 0;
      while (queue.events.length > 0 && this.handler) {
        try {
          await this.handler(queue.events[0]);
          queue.events.shift();
          attempt = 0;
          this.onDelivered();
        } catch (error) {
          attempt++;
          const delayMs = Math.min(this.backoff.initialMs * 2 ** (attempt - 1), this.backoff.maxMs);
          log.warn('event handler failed; redelivering', { topic: this.topic, group: this.name, key, attempt, delayMs, error });
          await this.pause(queue, delayMs);
        }
      }
    } finally {
      queue.pumping = false;
      if (queue.events.length === 0) this.queues.delete(key);
      this.activePumps--;
      if (this.activePumps === 0) this.notifyIdle();
    }
  }

  private pause(queue: KeyQueue, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        queue.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      queue.wake = done;
    });
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
