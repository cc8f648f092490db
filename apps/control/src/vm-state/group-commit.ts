import type { Database, Tx } from '@ecs/persistence';

interface Pending<T, R> {
  readonly item: T;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Applies work items in shared transactions: items that arrive while commits are in flight go
 * together into the next ones. Throughput then grows with concurrency instead of paying one commit
 * per item; up to `parallel` transactions run at once (a pooled MySQL connection each; SQLite
 * serialises them anyway). Callers must not submit two items that conflict before the first
 * resolved — the event bus guarantees that for one instance. A failed batch is retried item by item,
 * so one bad item fails alone (and is redelivered).
 */
export class GroupCommit<T, R> {
  private queue: Pending<T, R>[] = [];
  private workers = 0;

  constructor(
    private readonly db: Database,
    private readonly apply: (tx: Tx, item: T) => Promise<R>,
    private readonly maxBatch: number,
    private readonly parallel = 1,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.workers < this.parallel) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.workers++;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.maxBatch);
        await this.commit(batch);
      }
    } finally {
      this.workers--;
    }
  }

  private async commit(batch: readonly Pending<T, R>[]): Promise<void> {
    try {
      const results = await this.db.transaction(async (tx) => {
        const out: R[] = [];
        for (const pending of batch) out.push(await this.apply(tx, pending.item));
        return out;
      });
      batch.forEach((pending, n) => pending.resolve(results[n]));
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      for (const pending of batch) {
        await this.db.transaction((tx) => this.apply(tx, pending.item)).then(pending.resolve, pending.reject);
      }
    }
  }
}
