import type { LoggerService } from '@nestjs/common';
import type { Logger } from '@ecs/observability';

/** Nest's own messages into the structured log; its route-mapping chatter goes to debug. */
export class NestLogBridge implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown): void {
    this.logger.debug(String(message));
  }

  warn(message: unknown): void {
    this.logger.warn(String(message));
  }

  error(message: unknown): void {
    this.logger.error(String(message));
  }
}
