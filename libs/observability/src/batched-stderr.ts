import { writeSync } from 'node:fs';

/**
 * Log lines written once per event-loop turn instead of one write per line: under load the
 * per-request access log would otherwise cost a system call each. Whatever is still buffered is
 * written synchronously when the process exits, so an orderly exit loses nothing.
 */
export class BatchedStderr {
  private buffer: string[] = [];
  private scheduled = false;

  constructor() {
    process.once('exit', () => this.flush());
  }

  write(line: string): void {
    this.buffer.push(line);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  flush(): void {
    this.scheduled = false;
    if (!this.buffer.length) return;
    const text = this.buffer.join('\n') + '\n';
    this.buffer = [];
    try {
      writeSync(2, text);
    } catch {
      // stderr closed (the parent went away): there is nowhere left to report to.
    }
  }
}
