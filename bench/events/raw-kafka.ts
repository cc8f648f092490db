import { TOPIC_PARTITIONS, type VmStateEvent } from '@ecs/contracts';
import { Kafka, logLevel, Partitioners, type Consumer, type Producer } from 'kafkajs';

/**
 * The baseline: bare kafkajs producing the same VM-state messages to a topic with the same
 * partitions, with the same durability (idempotent producer, acks from all replicas), and a bare
 * consumer group that only decodes each message. No platform code on the path.
 */
export class RawKafka {
  onReceived: (event: VmStateEvent) => void = () => undefined;

  private constructor(
    private readonly topic: string,
    private readonly producer: Producer,
    private readonly consumer: Consumer,
  ) {}

  static async open(brokers: readonly string[], topicPrefix: string): Promise<RawKafka> {
    const kafka = new Kafka({ clientId: 'bench-raw', brokers: [...brokers], logLevel: logLevel.NOTHING });
    const topic = `${topicPrefix}raw.vm-state`;
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: TOPIC_PARTITIONS['ecs.vm-state'] }], waitForLeaders: true });
    } finally {
      await admin.disconnect();
    }
    const producer = kafka.producer({ idempotent: true, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    const consumer = kafka.consumer({ groupId: `${topicPrefix}raw`, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
    return new RawKafka(topic, producer, consumer);
  }

  async start(): Promise<void> {
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.topic], fromBeginning: true });
    await this.consumer.run({
      partitionsConsumedConcurrently: TOPIC_PARTITIONS['ecs.vm-state'],
      eachMessage: async ({ message }) => {
        if (message.value) this.onReceived(JSON.parse(message.value.toString('utf8')) as VmStateEvent);
      },
    });
  }

  async send(events: readonly VmStateEvent[]): Promise<void> {
    await this.producer.send({ topic: this.topic, acks: -1, messages: events.map((e) => ({ key: e.instanceId, value: JSON.stringify(e) })) });
  }

  /** Disconnects; the topic and group go with the run's prefix. */
  async close(): Promise<void> {
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }
}
