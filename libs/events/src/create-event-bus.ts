import type { EventBus } from './event-bus.port';
import { InProcessEventBus } from './in-process/in-process-event-bus';
import { KafkaEventBus } from './kafka/kafka-event-bus';

export type EventBusConfig =
  | { readonly kind: 'in-process' }
  | { readonly kind: 'kafka'; readonly brokers: readonly string[]; readonly clientId: string; readonly topicPrefix: string };

/** The adapter behind the EventBus port, chosen by validated config. */
export function createEventBus(config: EventBusConfig): EventBus {
  switch (config.kind) {
    case 'in-process':
      return new InProcessEventBus();
    case 'kafka':
      return new KafkaEventBus({ brokers: config.brokers, clientId: config.clientId, topicPrefix: config.topicPrefix });
  }
}
