/** What a host agent observed of one domain. */
export type ObservedDomainState = 'running' | 'shutoff' | 'crashed' | 'boot-failed' | 'absent';

/** Host → control, keyed by instanceId. Consumers dedupe by eventId and drop by seq. */
export interface VmStateEvent {
  readonly eventId: string;
  readonly hostId: string;
  readonly instanceId: string;
  /** Monotonic per instance on one agent across restarts (microsecond clock based). */
  readonly seq: number;
  readonly state: ObservedDomainState;
  /** The desired-state generation the agent was converging to when it observed this. */
  readonly generation: number;
  readonly reason?: string;
  readonly observedAt: string;
}

/** Control → anyone, through the outbox: an instance's status or operation changed. */
export interface InstanceLifecycleEvent {
  readonly eventId: string;
  readonly instanceId: string;
  readonly accountId: string;
  readonly status: string;
  readonly operation: string;
  readonly operationState: string;
  /** The instance row's version after the change: stale copies have a lower one. */
  readonly seq: number;
  readonly at: string;
}

/** The typed topic map: a topic name → the event type it carries. */
export interface TopicMap {
  'ecs.vm-state': VmStateEvent;
  'ecs.instance-lifecycle': InstanceLifecycleEvent;
}

export type TopicName = keyof TopicMap;

/** Partition counts the project creates its topics with (Kafka); keyed by instanceId. */
export const TOPIC_PARTITIONS: Record<TopicName, number> = {
  'ecs.vm-state': 6,
  'ecs.instance-lifecycle': 3,
};
