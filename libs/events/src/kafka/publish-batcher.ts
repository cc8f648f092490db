/** One record for the producer: a topic, the key that picks its partition, and the encoded event. */
export interface OutgoingMessage {
  readonly topic: string;
  readonly key: string;
  readonly value: string;
}

/** Sends one batch, resolving once the broker acknowledged every message in it. */
export type SendBatch = (messages: readonly OutgoingMessage[]) => Promise<void>;

/** Messages that go out in one send; every publish in it shares its outcome. */
interface Batch {
  readonly messages: OutgoingMessage[];
  readonly settled: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function openBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const settled = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { messages: [], settled, resolve, reject };
}

/**
 * Turns many concurrent `publish` calls into few produce requests, as the Java client's linger
 * does: messages published while a batch is in flight go out together in the next one. The
 * idempotent producer serialises requests per broker anyway, so one request per event would cap
 * throughput at one broker round trip per event. Order is kept: batches go out one after another,
 * in publish order, and every caller learns the fate of its own message (the publishes of one
 * batch share one promise, so a burst costs a promise per batch rather than per message).
 */
export class PublishBatcher {
  /** Waiting to be sent, oldest first; only the last one still takes messages. */
  private readonly waiting: Batch[] = [];
  private draining: Promise<void> | undefined;

  constructor(
    private readonly send: SendBatch,
    private readonly maxBatch = 1_000,
  ) {}

  publish(message: OutgoingMessage): Promise<void> {
    let batch = this.waiting[this.waiting.length - 1];
    if (batch === undefined || batch.messages.length >= this.maxBatch) {
      batch = openBatch();
      this.waiting.push(batch);
    }
    batch.messages.push(message);
    // Started on a later turn, so the publishes of the current one share its first batch.
    this.draining ??= new Promise<void>((started) => setImmediate(started)).then(() => this.drain());
    return batch.settled;
  }

  /** Resolves once every message published so far was sent or failed. */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Never rejects: a failed send rejects the publishes of that batch only. */
  private async drain(): Promise<void> {
    try {
      for (let batch = this.waiting.shift(); batch !== undefined; batch = this.waiting.shift()) {
        try {
          await this.send(batch.messages);
          batch.resolve();
        } catch (error) {
          batch.reject(error);
        }
      }
    } finally {
      this.draining = undefined;
    }
  }
}
