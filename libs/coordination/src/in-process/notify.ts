import { createLogger } from '@ecs/observability';

const log = createLogger('coordination.in-process');

/**
 * Listeners hear about changes after the change is complete and outside the caller's stack, as
 * ZooKeeper watchers do; queued in order, so a deposition is heard before the successor's election.
 * A throwing listener is logged, never allowed to break the coordinator.
 */
export function notify(what: string, callback: () => void): void {
  queueMicrotask(() => {
    try {
      callback();
    } catch (error) {
      log.error('coordination listener threw', { what, error });
    }
  });
}
