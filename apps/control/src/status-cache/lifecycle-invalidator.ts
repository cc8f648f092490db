import type { EventBus, Subscription } from '@ecs/events';
import type { InstanceViewCache } from './instance-view-cache';

/** One group for all control replicas: the cache is shared, so one invalidation per event is enough. */
const CONSUMER_GROUP = 'control-status-cache';

/**
 * Invalidates an instance's cached view on each of its lifecycle events (from the outbox relay).
 * Idempotent by nature: a duplicate or stale delivery only invalidates again.
 */
export class LifecycleInvalidator {
  private subscription: Subscription | undefined;

  constructor(
    private readonly events: EventBus,
    private readonly cache: InstanceViewCache,
  ) {}

  async start(): Promise<void> {
    this.subscription = await this.events.subscribe('ecs.instance-lifecycle', CONSUMER_GROUP, (event) => this.cache.invalidate([event.instanceId]));
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
  }
}
