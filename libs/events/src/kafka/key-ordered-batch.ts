/** One record of a partition's batch, as the batch runner needs it. */
export interface BatchRecord<T> {
  readonly offset: string;
  /** Records with the same key run one after another, in offset order. */
  readonly key: string;
  readonly value: T;
}

export interface BatchOutcome {
  /** The highest offset below which every record was handled: safe to commit; undefined when none was. */
  readonly handledThrough: string | undefined;
  /** The first record whose handler threw, when one did; the partition must be read again from `handledThrough` + 1. */
  readonly failed: { readonly offset: string; readonly error: unknown } | undefined;
}

export interface KeyOrderedBatchOptions<T> {
  readonly handle: (value: T) => Promise<void>;
  /** Most keys whose records run at once. */
  readonly concurrency: number;
  /** Asked before each record: true stops the batch (consumer stopping, partition revoked). */
  readonly shouldStop: () => boolean;
  /** Runs after each handled record (the group heartbeat); if it throws, the batch stops and `run` rethrows once the records in flight are done. */
  readonly afterEach: () => Promise<void>;
}

/**
 * Runs one partition's batch with the ordering the EventBus port promises — per key — rather than
 * strictly per partition: records of different keys run concurrently (up to `concurrency`
 * keys), each key's records in offset order. Offsets are committed as a contiguous prefix: when a
 * record fails, its key stops, no further key starts, and everything from the lowest record not
 * handled onwards is read again later, so records of other keys after it may be seen twice (the
 * port is at-least-once; consumers dedupe by event id).
 */
export async function runKeyOrderedBatch<T>(records: readonly BatchRecord<T>[], options: KeyOrderedBatchOptions<T>): Promise<BatchOutcome> {
  const byKey = new Map<string, number[]>();
  records.forEach((record, index) => {
    const indices = byKey.get(record.key);
    if (indices) indices.push(index);
    else byKey.set(record.key, [index]);
  });
  const handled = new Array<boolean>(records.length).fill(false);
  const waiting = [...byKey.values()];
  let failed: BatchOutcome['failed'];
  let afterEachError: { readonly error: unknown } | undefined;
  const stopped = () => failed !== undefined || afterEachError !== undefined || options.shouldStop();

  const worker = async () => {
    for (let indices = waiting.shift(); indices !== undefined && !stopped(); indices = waiting.shift()) {
      for (const index of indices) {
        if (stopped()) break;
        try {
          await options.handle(records[index].value);
        } catch (error) {
          // The earliest failure decides where the partition is read again.
          if (failed === undefined || BigInt(records[index].offset) < BigInt(failed.offset)) failed = { offset: records[index].offset, error };
          break;
        }
        handled[index] = true;
        try {
          await options.afterEach();
        } catch (error) {
          afterEachError ??= { error };
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, byKey.size) }, worker));
  if (afterEachError) throw afterEachError.error;

  const firstMissing = handled.indexOf(false);
  const prefixEnd = firstMissing < 0 ? records.length : firstMissing;
  return { handledThrough: prefixEnd > 0 ? records[prefixEnd - 1].offset : undefined, failed };
}
