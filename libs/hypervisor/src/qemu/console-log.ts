import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { tailWholeLines } from '../sim/sim-console';
import { isMissing } from './domain-folder';

/**
 * A domain's serial console: the tail kept in memory and mirrored to a file, so that a new driver
 * (after an agent restart) still shows what the guest printed before. Memory and file hold at most
 * twice the limit; past that both are cut back to the limit, so the log never grows without bound.
 */
export class ConsoleLog {
  private tail: Buffer;
  /** File writes in order: the file always matches some prefix of the appends. */
  private writes: Promise<void> = Promise.resolve();
  private writeError: Error | undefined;

  private constructor(
    private readonly path: string,
    private readonly limitBytes: number,
    initial: Buffer,
  ) {
    this.tail = initial;
  }

  /** Picks up the file a previous driver left, if any. */
  static async open(path: string, limitBytes: number): Promise<ConsoleLog> {
    let initial = Buffer.alloc(0);
    try {
      initial = await readFile(path);
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
    const log = new ConsoleLog(path, limitBytes, initial.subarray(Math.max(0, initial.length - limitBytes)));
    if (initial.length > limitBytes) log.enqueue(() => writeFile(path, log.tail));
    return log;
  }

  append(chunk: Buffer): void {
    this.tail = Buffer.concat([this.tail, chunk]);
    if (this.tail.length > 2 * this.limitBytes) {
      this.tail = this.tail.subarray(this.tail.length - this.limitBytes);
      const snapshot = this.tail;
      this.enqueue(() => writeFile(this.path, snapshot));
    } else {
      this.enqueue(() => appendFile(this.path, chunk));
    }
  }

  /** At most the limit, starting at a line boundary. */
  text(): string {
    return tailWholeLines(this.tail.toString('utf8'), this.limitBytes);
  }

  /**
   * Waits for pending writes. A failed write is reported once here; the in-memory tail stays
   * complete either way.
   */
  async flush(): Promise<void> {
    await this.writes;
    const error = this.writeError;
    this.writeError = undefined;
    if (error !== undefined) throw error;
  }

  private enqueue(write: () => Promise<void>): void {
    this.writes = this.writes.then(write).catch((error: unknown) => {
      // Node's errors may come from another realm (e.g. under jest): recognise them by shape.
      this.writeError ??= typeof error === 'object' && error !== null ? (error as Error) : new Error(String(error));
    });
  }
}
