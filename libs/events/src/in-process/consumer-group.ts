import { createLogger } from '@ecs/observability';

const log = createLogger('events.in-process');

export interface RetryBackoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

/** How an attached handler takes events: one at a time per key, or in runs across keys. */
export type Delivery =
  | { readonly kind: 'each'; readonly handle: (event: unknown) => Promise<void> }
  | { readonly kind: 'batch'; readonly handle: (events: readonly unknown[]) => Promise<void>; readonly maxBatch: number };

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
 * A consumer group's view of one topic: a FIFO per key. An `each` handler gets each key drained by
 * its own pump, so keys run concurrently while one key's events run strictly in order. A `batch`
 * handler gets runs from one pump: up to `maxBatch` events taken from the heads of the key queues,
 * each key's in order, the next run only once the previous one succeeded (events published during
 * a run go together into the next one). Events wait here while no handler is attached, as a Kafka
 * group's uncommitted offsets do, and flow again when one attaches.
 */
export class ConsumerGroup {
  private delivery: Delivery | undefined;
  private readonly queues = new Map<string, KeyQueue>();
  private activePumps = 0;
  private idleWaiters: (() => void)[] = [];
  private batchPumping = false;
  private wakeBatchPump: (() => void) | undefined;

  constructor(
    readonly topic: string,
    readonly name: string,
    private readonly backoff: RetryBackoff,
    private readonly onDelivered: () => void,
  ) {}

  get attached(): boolean {
    return this.delivery !== undefined;
  }

  attach(delivery: Delivery): void {
    if (this.delivery) throw new Error(`consumer group "${this.name}" already has a handler on ${this.topic}`);
    this.delivery = delivery;
    if (delivery.kind === 'batch') {
      if (this.queues.size > 0) this.startBatchPump();
      return;
    }
    for (const [key, queue] of this.queues) {
      if (!queue.pumping) void this.pump(key, queue);
    }
  }

  /** Stops delivery; resolves once no handler call of this group is still running. */
  async detach(): Promise<void> {
    this.delivery = undefined;
    for (const queue of this.queues.values()) queue.wake?.();
    this.wakeBatchPump?.();
    if (this.activePumps > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  enqueue(key: string, event: unknown): void {
    let queue = this.queues.get(key);
    if (queue === undefined) {
      queue = { events: [], pumping: false, wake: undefined };
      this.queues.set(key, queue);
    }
    queue.events.push(event);
    if (this.delivery?.kind === 'each' && !queue.pumping) void this.pump(key, queue);
    else if (this.delivery?.kind === 'batch') this.startBatchPump();
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
      for (let delivery = this.delivery; queue.events.length > 0 && delivery?.kind === 'each'; delivery = this.delivery) {
        try {
          await delivery.handle(queue.events[0]);
          queue.events.shift();
          attempt = 0;
          this.onDelivered();
        } catch (error) {
          attempt++;
          const delayMs = this.delayFor(attempt);
          log.warn('event handler failed; redelivering', { topic: this.topic, group: this.name, key, attempt, delayMs, error });
          await this.pause(delayMs, (wake) => (queue.wake = wake));
        }
      }
    } finally {
      queue.pumping = false;
      if (queue.events.length === 0) this.queues.delete(key);
      this.pumpEnded();
    }
  }

  private startBatchPump(): void {
    if (!this.batchPumping) void this.pumpBatches();
  }

  /** Never rejects, as `pump`; a failed run comes back whole (its events are still the heads of their keys). */
  private async pumpBatches(): Promise<void> {
    this.batchPumping = true;
    this.activePumps++;
    try {
      await nextTurn();
      let attempt = 0;
      for (let delivery = this.delivery; this.queues.size > 0 && delivery?.kind === 'batch'; delivery = this.delivery) {
        const run = this.takeRun(delivery.maxBatch);
        try {
          await delivery.handle(run.events);
          this.remove(run.counts);
          attempt = 0;
          this.onDelivered();
        } catch (error) {
          attempt++;
          const delayMs = this.delayFor(attempt);
          log.warn('event handler failed; redelivering the run', { topic: this.topic, group: this.name, events: run.events.length, attempt, delayMs, error });
          await this.pause(delayMs, (wake) => (this.wakeBatchPump = wake));
        }
      }
    } finally {
      this.batchPumping = false;
      this.pumpEnded();
    }
  }

  /** Up to `max` events from the heads of the key queues, oldest keys first, each key's in order. */
  private takeRun(max: number): { events: unknown[]; counts: Map<KeyQueue, number> } {
    const events: unknown[] = [];
    const counts = new Map<KeyQueue, number>();
    for (const queue of this.queues.values()) {
      const take = Math.min(queue.events.length, max - events.length);
      for (let n = 0; n < take; n++) events.push(queue.events[n]);
      counts.set(queue, take);
      if (events.length >= max) break;
    }
    return { events, counts };
  }

  private remove(counts: ReadonlyMap<KeyQueue, number>): void {
    for (const [queue, count] of counts) queue.events.splice(0, count);
    for (const [key, queue] of this.queues) {
      if (queue.events.length === 0) this.queues.delete(key);
    }
  }

  private delayFor(attempt: number): number {
    return Math.min(this.backoff.initialMs * 2 ** (attempt - 1), this.backoff.maxMs);
  }

  private pause(ms: number, setWake: (wake: (() => void) | undefined) => void): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        setWake(undefined);
        resolve();
      };
      const timer = setTimeout(done, ms);
      setWake(done);
    });
  }

  private pumpEnded(): void {
    this.activePumps--;
    if (this.activePumps === 0) this.notifyIdle();
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
