import { createLogger } from '@ecs/observability';

const log = createLogger('coordination.zookeeper');

/**
 * Listeners hear about changes outside the adapter's own stack and in the order they happened (a
 * deposition before anything that follows it); a listener that throws is logged, never allowed
 * to break the recipe that called it.
 */
export function notifyListener(what: string, callback: () => void): void {
  queueMicrotask(() => {
    try {
      callback();
    } catch (error) {
      log.error('coordination listener threw', { what, error });
    }
  });
}
