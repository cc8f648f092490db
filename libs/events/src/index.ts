export * from './event-bus.port';
export type { RetryBackoff } from './in-process/consumer-group';
export * from './in-process/in-process-event-bus';
export * from './kafka/kafka-event-bus';
export { kafkaTopicName } from './kafka/kafka-topics';
export * from './create-event-bus';
export { deleteKafkaPrefix } from './kafka/delete-kafka-prefix';
