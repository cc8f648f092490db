import type { LoggerService } from '@nestjs/common';
import { createLogger } from '@ecs/observability';

const log = createLogger('openapi-gateway');

/** Routes Nest's own messages into the platform's structured log; route mapping chatter goes to debug. */
export class NestLogBridge implements LoggerService {
  log(message: unknown): void {
    log.debug(String(message));
  }

  warn(message: unknown): void {
    log.warn(String(message));
  }

  error(message: unknown): void {
    log.error(String(message));
  }
}
