import type { TopicMap, TopicName } from '@ecs/contracts';

export type EventHandler<T extends TopicName> = (event: TopicMap[T]) => Promise<void>;

/**
 * Handles a run of events as one unit: it succeeds for all of them or throws, and then the whole
 * run comes back (after a backoff), so a handler must be idempotent for every event in it. Within
 * a run each key's events are in publish order, and a key's later events never reach a handler
 * before the run holding its earlier ones succeeded.
 */
export type BatchHandler<T extends TopicName> = (events: readonly TopicMap[T][]) => Promise<void>;

export interface BatchSubscriptionOptions {
  /** Most events handed to one handler call; the bus may hand fewer (what has arrived). */
  readonly maxBatch?: number;
}

export interface Subscription {
  close(): Promise<void>;
}

/**
 * At-least-once, per-key ordered delivery (Kafka semantics). Each consumer group sees every event;
 * within a group one member handles each event. A handler that throws gets the event again, so
 * handlers must be idempotent.
 */
export interface EventBus {
  publish<T extends TopicName>(topic: T, key: string, event: TopicMap[T]): Promise<void>;
  subscribe<T extends TopicName>(topic: T, group: string, handler: EventHandler<T>): Promise<Subscription>;
  /**
   * The same delivery, in runs: what a consumer that applies many events per transaction takes.
   * Both adapters offer it; a bus without it (a test double) is used event by event.
   */
  subscribeBatch?<T extends TopicName>(topic: T, group: string, handler: BatchHandler<T>, options?: BatchSubscriptionOptions): Promise<Subscription>;
  close(): Promise<void>;
}

export const EVENT_BUS = Symbol('EventBus');
