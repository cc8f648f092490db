import type { Logger } from '@ecs/observability';
import type { DomainLifecycleEvent, DomainLifecycleListener } from '../driver/hypervisor-driver';

/** Lifecycle listeners: a listener that throws is logged and does not stop the others. */
export class LifecycleEmitter {
  private readonly listeners = new Set<DomainLifecycleListener>();
  private muted = false;

  constructor(private readonly log: Logger) {}

  subscribe(listener: DomainLifecycleListener): () => void {
    // Wrapped so that subscribing the same function twice yields two independent subscriptions.
    const subscription: DomainLifecycleListener = (event) => listener(event);
    this.listeners.add(subscription);
    return () => {
      this.listeners.delete(subscription);
    };
  }

  emit(event: DomainLifecycleEvent): void {
    if (this.muted) return;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.log.warn('lifecycle listener threw', { instanceId: event.instanceId, error });
      }
    }
  }

  /** For good: a closed driver reports nothing more. */
  mute(): void {
    this.muted = true;
  }
}
