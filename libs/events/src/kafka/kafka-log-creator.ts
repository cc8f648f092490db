import { createLogger } from '@ecs/observability';
import { logLevel, type logCreator } from 'kafkajs';

const log = createLogger('events.kafka');

/** Routes kafkajs's own logs into the platform's structured logger, keeping its namespace as a field. */
export const kafkaLogCreator: logCreator = () => (entry) => {
  const { message, timestamp: _timestamp, logger: _logger, ...fields } = entry.log;
  const scoped = { namespace: entry.namespace, ...fields };
  switch (entry.level) {
    case logLevel.ERROR:
      log.error(message, scoped);
      return;
    case logLevel.WARN:
      log.warn(message, scoped);
      return;
    case logLevel.INFO:
      log.info(message, scoped);
      return;
    case logLevel.DEBUG:
      log.debug(message, scoped);
      return;
    case logLevel.NOTHING:
      return;
  }
};
