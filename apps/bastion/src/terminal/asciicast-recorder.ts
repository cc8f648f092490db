import { createLogger } from '@ecs/observability';

/** Where a recording's chunks go (the session repository in the bastion). */
export interface RecordingSink {
  appendRecording(sessionId: string, chunkNo: number, body: string): Promise<void>;
}

/** Chunks stay well under a TEXT column's 64 KiB even in 4-byte UTF-8. */
const CHUNK_CHARS = 8_000;
const EVENT_CHARS = 2_000;
const FLUSH_EVERY_MS = 1_000;

const log = createLogger('bastion.recorder');

/**
 * Records what a session's terminal showed as asciicast v2: a JSON header line, then one
 * `[seconds, "o", text]` line per output. Lines are written in chunks (the header first), on a
 * timer and at the end, so a recording is readable while the session still runs.
 */
export class AsciicastRecorder {
  private buffer = '';
  private chunkNo = 0;
  private writes: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private finished = false;
  private lost = false;

  constructor(
    private readonly sessionId: string,
    private readonly startedAt: number,
    private readonly sink: RecordingSink,
    private readonly now: () => number,
    /** Called once if a chunk cannot be stored: an unrecorded session must not go on. */
    private readonly onLost: () => void,
  ) {}

  start(header: { width: number; height: number; title: string }): void {
    const line = JSON.stringify({ version: 2, width: header.width, height: header.height, timestamp: Math.floor(this.startedAt / 1000), title: header.title, env: { TERM: 'xterm-256color' } });
    this.buffer = `${line}\n`;
    this.flush();
    this.timer = setInterval(() => this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  output(text: string): void {
    if (this.finished || text === '') return;
    const seconds = Math.max(0, (this.now() - this.startedAt) / 1000);
    for (let at = 0; at < text.length; ) {
      let end = Math.min(at + EVENT_CHARS, text.length);
      // Never split a surrogate pair: each event must hold whole characters.
      if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end -= 1;
      this.buffer += `${JSON.stringify([Number(seconds.toFixed(6)), 'o', text.slice(at, end)])}\n`;
      if (this.buffer.length >= CHUNK_CHARS) this.flush();
      at = end;
    }
  }

  /** Writes what is buffered and stops; resolves once every chunk is stored. */
  async finish(): Promise<void> {
    if (!this.finished) {
      this.finished = true;
      if (this.timer) clearInterval(this.timer);
      this.flush();
    }
    await this.writes;
  }

  private flush(): void {
    if (this.buffer === '') return;
    const body = this.buffer;
    const chunkNo = this.chunkNo++;
    this.buffer = '';
    this.writes = this.writes.then(() =>
      this.sink.appendRecording(this.sessionId, chunkNo, body).catch((error: unknown) => {
        log.error('recording chunk lost', { sessionId: this.sessionId, chunkNo, error });
        if (this.lost) return;
        this.lost = true;
        this.onLost();
      }),
    );
  }
}
