import { TOPIC_PARTITIONS, type TopicMap, type TopicName } from '@ecs/contracts';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import type { BatchHandler, BatchSubscriptionOptions, EventBus, EventHandler, Subscription } from '../event-bus.port';
import type { RetryBackoff } from '../in-process/consumer-group';
import { kafkaLogCreator } from './kafka-log-creator';
import { KafkaSubscription, type KafkaDelivery } from './kafka-subscription';
import { assertTopicPrefix, ensureTopics, kafkaTopicName } from './kafka-topics';
import { PublishBatcher, type OutgoingMessage } from './publish-batcher';

export interface KafkaEventBusConfig {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Prepended to every topic and consumer-group name: deployments and test runs sharing a broker never meet. */
  readonly topicPrefix: string;
  /** Pause before a failed event comes back, doubling per attempt up to `maxMs`. */
  readonly retryBackoff?: RetryBackoff;
  /** Partition counts to create the topics with; the topic map's by default. */
  readonly partitions?: Record<TopicName, number>;
  /** Longest a consumer's fetch waits on the broker for new records (bounds an idle consumer's `close`). */
  readonly maxWaitMs?: number;
  /**
   * Most keys of one partition a subscription handles at once (each key still strictly in order).
   * 1 gives strict partition order; more lets a partition's instances overlap their database work.
   */
  readonly keyConcurrency?: number;
  /** Most records of one partition a batch subscription hands to one handler call, unless it asks for another cap. */
  readonly maxBatch?: number;
}

const DEFAULT_MAX_BATCH = 2_000;

/**
 * The event bus on Apache Kafka (kafkajs). At start it creates the platform's topics with explicit
 * partition counts; an idempotent producer publishes each event keyed by the given key, so one
 * key's events share a partition and keep their order; every `subscribe` is a member of a consumer
 * group named after `group`, whose offsets are committed only after the handler succeeded.
 * Delivery is ordered per key, as the port promises: a partition's keys run concurrently (up to
 * `keyConcurrency`), so one instance's slow transaction does not hold up the others hashed with it.
 * `subscribeBatch` hands a partition's fetched records over in runs instead (one run of a
 * partition at a time, partitions in parallel), for consumers that apply a run per transaction.
 * Publishes made while a produce request is in flight go out together in the next one.
 */
export class KafkaEventBus implements EventBus {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly batcher: PublishBatcher;
  private readonly partitions: Record<TopicName, number>;
  private readonly subscriptions = new Set<KafkaSubscription>();
  private starting: Promise<void> | undefined;
  private started = false;
  private readonly topicNames = new Map<TopicName, string>();
  private closing: Promise<void> | undefined;

  constructor(private readonly config: KafkaEventBusConfig) {
    assertTopicPrefix(config.topicPrefix);
    this.partitions = config.partitions ?? TOPIC_PARTITIONS;
    this.kafka = new Kafka({ clientId: config.clientId, brokers: [...config.brokers], logLevel: logLevel.INFO, logCreator: kafkaLogCreator });
    // The Java client's murmur2 partitioner: a key lands on the same partition whichever client wrote it.
    this.producer = this.kafka.producer({ idempotent: true, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    this.batcher = new PublishBatcher((messages) => this.send(messages));
  }

  /** Creates missing topics and connects the producer; `publish` and `subscribe` call it, so calling it is optional. */
  start(): Promise<void> {
    this.starting ??= this.connect().catch((error: unknown) => {
      // The broker may come up later: the next call tries again.
      this.starting = undefined;
      throw error;
    });
    return this.starting;
  }

  publish<T extends TopicName>(topic: T, key: string, event: TopicMap[T]): Promise<void> {
    if (this.closing) return Promise.reject(new Error('event bus is closed'));
    let message: OutgoingMessage;
    try {
      message = { topic: this.topicName(topic), key, value: JSON.stringify(event) };
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    // Once started, a publish costs no extra turn: the hot path of a host agent's reports.
    if (this.started) return this.batcher.publish(message);
    return this.start().then(() => this.batcher.publish(message));
  }

  async subscribe<T extends TopicName>(topic: T, group: string, handler: EventHandler<T>): Promise<Subscription> {
    // Records on this topic are the events this bus published to it: each is a TopicMap[T].
    return this.join(topic, group, { kind: 'each', keyConcurrency: this.config.keyConcurrency ?? 8, handle: (event) => handler(event as TopicMap[T]) });
  }

  /**
   * A member of `group` that takes each fetched partition batch in runs of up to `maxBatch` records
   * (in partition order, so each key's in publish order), committing a run's offsets only after its
   * handler call succeeded; a failed run is fetched again after a backoff.
   */
  async subscribeBatch<T extends TopicName>(topic: T, group: string, handler: BatchHandler<T>, options: BatchSubscriptionOptions = {}): Promise<Subscription> {
    const maxBatch = options.maxBatch ?? this.config.maxBatch ?? DEFAULT_MAX_BATCH;
    if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new Error('maxBatch must be a positive integer');
    return this.join(topic, group, { kind: 'batch', maxBatch, handle: (events) => handler(events as readonly TopicMap[T][]) });
  }

  private async join(topic: TopicName, group: string, delivery: KafkaDelivery): Promise<Subscription> {
    if (this.closing) throw new Error('event bus is closed');
    await this.start();
    const subscription = new KafkaSubscription({
      kafka: this.kafka,
      topic: kafkaTopicName(this.config.topicPrefix, topic),
      groupId: `${this.config.topicPrefix}${group}`,
      partitions: this.partitions[topic],
      retryBackoff: this.config.retryBackoff ?? { initialMs: 100, maxMs: 5_000 },
      maxWaitMs: this.config.maxWaitMs ?? 500,
      delivery,
    });
    this.subscriptions.add(subscription);
    try {
      await subscription.start();
    } catch (error) {
      this.subscriptions.delete(subscription);
      await subscription.close();
      throw error;
    }
    return {
      close: async () => {
        this.subscriptions.delete(subscription);
        await subscription.close();
      },
    };
  }

  /** Sends what was published, then closes every subscription (each finishing its handler call in flight) and the producer. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.batcher.flush();
      await Promise.all([...this.subscriptions].map((s) => s.close()));
      this.subscriptions.clear();
      await this.producer.disconnect();
    })();
    return this.closing;
  }

  private async connect(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(admin, this.config.topicPrefix, this.partitions);
    } finally {
      await admin.disconnect();
    }
    await this.producer.connect();
    this.started = true;
  }

  private topicName(topic: TopicName): string {
    let name = this.topicNames.get(topic);
    if (name === undefined) this.topicNames.set(topic, (name = kafkaTopicName(this.config.topicPrefix, topic)));
    return name;
  }

  private async send(messages: readonly OutgoingMessage[]): Promise<void> {
    const byTopic = new Map<string, { key: string; value: string }[]>();
    for (const { topic, key, value } of messages) {
      let list = byTopic.get(topic);
      if (list === undefined) byTopic.set(topic, (list = []));
      list.push({ key, value });
    }
    await this.producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list })) });
  }
}
