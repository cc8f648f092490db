import type { TopicMap, TopicName } from '@ecs/contracts';

export type EventHandler<T extends TopicName> = (event: TopicMap[T]) => Promise<void>;

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
  close(): Promise<void>;
}

export const EVENT_BUS = Symbol('EventBus');
