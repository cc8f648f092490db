import { BastionError } from '../errors/bastion-error';

const WINDOW_MS = 60_000;
/** Past this many tracked addresses, finished windows are swept so the map stays small. */
const SWEEP_AT = 10_000;

/**
 * Limits failed logins per client address per minute, in this process. It slows guessing across
 * many usernames, which the per-user lockout (shared through the database) does not see.
 */
export class FailureThrottle {
  private readonly windows = new Map<string, { start: number; failures: number }>();

  constructor(
    private readonly failuresPerMinute: number,
    private readonly now: () => number,
  ) {}

  /** @throws BastionError TooManyFailures when the address used up its failures this minute. */
  assertAllowed(address: string): void {
    const window = this.current(address);
    if (window && window.failures >= this.failuresPerMinute) throw new BastionError('TooManyFailures');
  }

  fail(address: string): void {
    const now = this.now();
    const window = this.current(address) ?? { start: now - (now % WINDOW_MS), failures: 0 };
    window.failures += 1;
    this.windows.set(address, window);
    if (this.windows.size > SWEEP_AT) for (const [key] of this.windows) if (!this.current(key)) this.windows.delete(key);
  }

  private current(address: string): { start: number; failures: number } | undefined {
    const window = this.windows.get(address);
    return window && this.now() - window.start < WINDOW_MS ? window : undefined;
  }
}
