/** One record for the producer: a topic, the key that picks its partition, and the encoded event. */
export interface OutgoingMessage {
  readonly topic: string;
  readonly key: string;
  readonly value: string;
}

/** Sends one batch, resolving once the broker acknowledged every message in it. */
export type SendBatch = (messages: readonly OutgoingMessage[]) => Promise<void>;

interface Pending {
  readonly message: OutgoingMessage;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Turns many concurrent `publish` calls into few produce requests, as the Java client's linger
 * does: messages published while a batch is in flight go out together in the next one. The
 * idempotent producer serialises requests per broker anyway, so one request per event would cap
 * throughput at one broker round trip per event. Order is kept: batches go out one after another,
 * in publish order, and every caller learns the fate of its own message.
 */
export class PublishBatcher {
  private queue: Pending[] = [];
  private draining: Promise<void> | undefined;

  constructor(
    private readonly send: SendBatch,
    private readonly maxBatch = 1_000,
  ) {}

  publish(message: OutgoingMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ message, resolve, reject });
      // Started on a later turn, so the publishes of the current one share its first batch.
      this.draining ??= new Promise<void>((started) => setImmediate(started)).then(() => this.drain());
    });
  }

  /** Resolves once every message published so far was sent or failed. */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Never rejects: a failed send rejects the publishes of that batch only. */
  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          await this.send(batch.map((p) => p.message));
          for (const p of batch) p.resolve();
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      this.draining = undefined;
    }
  }
}
