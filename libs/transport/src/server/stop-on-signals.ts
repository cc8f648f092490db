import type { Logger } from '@ecs/observability';

/**
 * A component process stops cleanly on SIGTERM (containers, `cluster:down`) or SIGINT: it leaves
 * its groups and closes its connections, so peers learn at once instead of after a session timeout.
 */
export function stopOnSignals(stop: () => Promise<void>, log: Logger): void {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('unclean stop', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}
