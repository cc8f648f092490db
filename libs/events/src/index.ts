export * from './event-bus.port';
export type { RetryBackoff } from './in-process/consumer-group';
export * from './in-process/in-process-event-bus';
