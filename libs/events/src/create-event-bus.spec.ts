import { createEventBus } from './create-event-bus';
import { InProcessEventBus } from './in-process/in-process-event-bus';
import { KafkaEventBus } from './kafka/kafka-event-bus';

describe('createEventBus', () => {
  it('builds the adapter the config names, without connecting anywhere', async () => {
    const inProcess = createEventBus({ kind: 'in-process' });
    const kafka = createEventBus({ kind: 'kafka', brokers: ['127.0.0.1:1'], clientId: 'spec', topicPrefix: 'spec.' });
    expect(inProcess).toBeInstanceOf(InProcessEventBus);
    expect(kafka).toBeInstanceOf(KafkaEventBus);
    await Promise.all([inProcess.close(), kafka.close()]);
  });

  it('refuses a topic prefix Kafka could not name a topic with', () => {
    expect(() => createEventBus({ kind: 'kafka', brokers: ['127.0.0.1:1'], clientId: 'spec', topicPrefix: 'tenant a/' })).toThrow(/topic prefix/);
  });
});
