import type { TopicMap, TopicName } from '@ecs/contracts';
import { createLogger } from '@ecs/observability';
import type { BatchHandler, BatchSubscriptionOptions, EventBus, EventHandler, Subscription } from '../event-bus.port';
import { ConsumerGroup, type Delivery, type RetryBackoff } from './consumer-group';

export interface InProcessEventBusOptions {
  /** Pause before redelivering an event whose handler threw, doubling per attempt up to `maxMs`. */
  readonly retryBackoff?: RetryBackoff;
  /** How long `close()` waits for queued events to be handled before giving up on them. */
  readonly drainTimeoutMs?: number;
}

const log = createLogger('events.in-process');
const DEFAULT_MAX_BATCH = 500;

/**
 * The all-in-one event bus, with the Kafka semantics the port promises: every consumer group gets
 * every event published after it first subscribed, one handler per group, per-key order, and
 * redelivery of an event whose handler threw (of the whole run, for a batch handler). Events published before a group exists are not
 * replayed to it (there is no log to rewind), which the level-triggered reconcile loops tolerate.
 */
export class InProcessEventBus implements EventBus {
  private readonly topics = new Map<TopicName, Map<string, ConsumerGroup>>();
  private readonly backoff: RetryBackoff;
  private readonly drainTimeoutMs: number;
  private closing: Promise<void> | undefined;
  private drained: (() => void) | undefined;

  constructor(options: InProcessEventBusOptions = {}) {
    this.backoff = options.retryBackoff ?? { initialMs: 100, maxMs: 5_000 };
    this.drainTimeoutMs = options.drainTimeoutMs ?? 5_000;
  }

  async publish<T extends TopicName>(topic: T, key: string, event: TopicMap[T]): Promise<void> {
    if (this.closing) throw new Error('event bus is closed');
    for (const group of this.topics.get(topic)?.values() ?? []) group.enqueue(key, event);
  }

  async subscribe<T extends TopicName>(topic: T, group: string, handler: EventHandler<T>): Promise<Subscription> {
    // A group only ever holds events published to `topic`, so each is a TopicMap[T].
    return this.attach(topic, group, { kind: 'each', handle: (event) => handler(event as TopicMap[T]) });
  }

  async subscribeBatch<T extends TopicName>(topic: T, group: string, handler: BatchHandler<T>, options: BatchSubscriptionOptions = {}): Promise<Subscription> {
    const maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
    if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new Error('maxBatch must be a positive integer');
    return this.attach(topic, group, { kind: 'batch', maxBatch, handle: (events) => handler(events as readonly TopicMap[T][]) });
  }

  /** Stops accepting events, waits (up to the drain timeout) for queued ones to be handled, then detaches every handler. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    if (this.pending() > 0) {
      const finished = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), this.drainTimeoutMs);
        this.drained = () => {
          clearTimeout(timer);
          resolve(true);
        };
      });
      this.drained = undefined;
      if (!finished) log.warn('event bus closed with undelivered events', { undelivered: this.pending() });
    }
    const groups = [...this.topics.values()].flatMap((byName) => [...byName.values()]);
    await Promise.all(groups.map((group) => group.detach()));
  }

  private async attach(topic: TopicName, group: string, delivery: Delivery): Promise<Subscription> {
    if (this.closing) throw new Error('event bus is closed');
    let groups = this.topics.get(topic);
    if (groups === undefined) {
      groups = new Map();
      this.topics.set(topic, groups);
    }
    let consumer = groups.get(group);
    if (consumer === undefined) {
      consumer = new ConsumerGroup(topic, group, this.backoff, () => this.checkDrained());
      groups.set(group, consumer);
    }
    consumer.attach(delivery);
    const attached = consumer;
    return {
      close: async () => {
        await attached.detach();
        // A detached group's backlog no longer holds up a drain in progress.
        this.checkDrained();
      },
    };
  }

  /** Events that some attached handler still has to take. */
  private pending(): number {
    let count = 0;
    for (const groups of this.topics.values()) {
      for (const group of groups.values()) if (group.attached) count += group.pending();
    }
    return count;
  }

  private checkDrained(): void {
    if (this.drained && this.pending() === 0) this.drained();
  }
}
