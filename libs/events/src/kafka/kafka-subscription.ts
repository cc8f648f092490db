import { createLogger } from '@ecs/observability';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { Subscription } from '../event-bus.port';
import type { RetryBackoff } from '../in-process/consumer-group';
import { runKeyOrderedBatch, type BatchRecord } from './key-ordered-batch';

const log = createLogger('events.kafka');

export interface KafkaSubscriptionOptions {
  readonly kafka: Kafka;
  readonly topic: string;
  readonly groupId: string;
  /** The topic's partition count: each partition gets its own worker, so one slow partition delays no other. */
  readonly partitions: number;
  readonly retryBackoff: RetryBackoff;
  /** How long a fetch may wait on the broker for new records; bounds how long `close()` waits for an idle fetch. */
  readonly maxWaitMs: number;
  readonly delivery: KafkaDelivery;
}

/**
 * `each`: every record to the handler on its own, a partition's keys overlapping (up to
 * `keyConcurrency`; 1 gives strict partition order). `batch`: a partition's fetched records in runs
 * of up to `maxBatch`, one run at a time, each committed once its handler call succeeded.
 */
export type KafkaDelivery =
  | { readonly kind: 'each'; readonly keyConcurrency: number; readonly handle: (event: unknown) => Promise<void> }
  | { readonly kind: 'batch'; readonly maxBatch: number; readonly handle: (events: readonly unknown[]) => Promise<void> };

/**
 * One member of a Kafka consumer group on one topic. With `each` delivery, each key's records
 * reach the handler one at a time in partition order (different keys of a partition may overlap);
 * with `batch` delivery, a partition's records reach it in runs, in partition order. Offsets are
 * committed only up to the last record whose handler succeeded with every record before it. When
 * the handler throws, the partition is paused for a backoff and then fetched again from the first
 * record not handled (for a run, its first record), so that record comes back while the other
 * partitions keep flowing.
 */
export class KafkaSubscription implements Subscription {
  private readonly consumer: Consumer;
  private readonly attempts = new Map<number, number>();
  private readonly resumeTimers = new Set<NodeJS.Timeout>();
  private closing: Promise<void> | undefined;

  constructor(private readonly options: KafkaSubscriptionOptions) {
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: options.maxWaitMs,
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      log.error('consumer crashed', { topic: options.topic, groupId: options.groupId, restart: payload.restart, error: payload.error });
    });
  }

  /** Resolves once this member has joined its group and received its partitions. */
  async start(): Promise<void> {
    await this.consumer.connect();
    // A group seen for the first time starts at the oldest retained record, so events published
    // before it first subscribed are not lost; consumers are idempotent, so a replay costs nothing.
    await this.consumer.subscribe({ topics: [this.options.topic], fromBeginning: true });
    await this.consumer.run({
      partitionsConsumedConcurrently: this.options.partitions,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => (this.options.delivery.kind === 'each' ? this.consume(payload, this.options.delivery) : this.consumeRuns(payload, this.options.delivery)),
    });
  }

  /** Waits for the handler calls in flight, commits what succeeded, and leaves the group. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const timer of this.resumeTimers) clearTimeout(timer);
      this.resumeTimers.clear();
      await this.consumer.disconnect();
    })();
    return this.closing;
  }

  private async consume(payload: EachBatchPayload, delivery: Extract<KafkaDelivery, { kind: 'each' }>): Promise<void> {
    const { batch } = payload;
    const outcome = await runKeyOrderedBatch(batch.messages.map(toRecord), {
      concurrency: delivery.keyConcurrency,
      shouldStop: () => this.stopping(payload),
      afterEach: () => payload.heartbeat(),
      handle: async (event) => {
        if (event !== undefined) return delivery.handle(event);
        // A record that is not an event can never be handled; holding the partition for it would stop it for good.
        log.error('skipping a record that is not a JSON event', { topic: batch.topic, partition: batch.partition });
      },
    });
    if (outcome.handledThrough !== undefined) payload.resolveOffset(outcome.handledThrough);
    if (outcome.failed) this.retryLater(batch.partition, outcome.failed.offset, payload.pause(), outcome.failed.error);
    else this.attempts.delete(batch.partition);
  }

  /**
   * A partition's fetched records in runs of up to `maxBatch`, one after another: each run's offset
   * is resolved once its handler call succeeded (kafkajs commits it after the batch), a failed run
   * pauses the partition and is fetched again from its first record.
   */
  private async consumeRuns(payload: EachBatchPayload, delivery: Extract<KafkaDelivery, { kind: 'batch' }>): Promise<void> {
    const { batch } = payload;
    const { messages } = batch;
    for (let start = 0; start < messages.length && !this.stopping(payload); ) {
      const end = Math.min(start + delivery.maxBatch, messages.length);
      const events: unknown[] = [];
      for (let n = start; n < end; n++) {
        const event = decode(messages[n]);
        // A record that is not an event can never be handled; holding the partition for it would stop it for good.
        if (event === undefined) log.error('skipping a record that is not a JSON event', { topic: batch.topic, partition: batch.partition, offset: messages[n].offset });
        else events.push(event);
      }
      try {
        if (events.length > 0) await delivery.handle(events);
      } catch (error) {
        this.retryLater(batch.partition, messages[start].offset, payload.pause(), error);
        return;
      }
      this.attempts.delete(batch.partition);
      payload.resolveOffset(messages[end - 1].offset);
      start = end;
      await payload.heartbeat();
    }
  }

  private stopping(payload: EachBatchPayload): boolean {
    return !payload.isRunning() || payload.isStale() || this.closing !== undefined;
  }

  /** The partition is paused; the next fetch after `resume` starts at the first record not handled, its offset never resolved. */
  private retryLater(partition: number, offset: string, resume: () => void, error: unknown): void {
    const attempt = (this.attempts.get(partition) ?? 0) + 1;
    this.attempts.set(partition, attempt);
    const { initialMs, maxMs } = this.options.retryBackoff;
    const delayMs = Math.min(initialMs * 2 ** (attempt - 1), maxMs);
    log.warn('event handler failed; redelivering after a pause', { topic: this.options.topic, groupId: this.options.groupId, partition, offset, attempt, delayMs, error });
    const timer = setTimeout(() => {
      this.resumeTimers.delete(timer);
      resume();
    }, delayMs);
    this.resumeTimers.add(timer);
  }
}

function toRecord(message: KafkaMessage): BatchRecord<unknown> {
  // Keyless records share one lane, so they keep their partition order.
  return { offset: message.offset, key: message.key?.toString('utf8') ?? '', value: decode(message) };
}

function decode(message: KafkaMessage): unknown {
  if (message.value === null) return undefined;
  try {
    const event: unknown = JSON.parse(message.value.toString('utf8'));
    return typeof event === 'object' && event !== null ? event : undefined;
  } catch {
    return undefined;
  }
}
