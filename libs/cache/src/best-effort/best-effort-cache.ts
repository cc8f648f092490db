import { createLogger } from '@ecs/observability';
import type { Cache } from '../cache.port';

export interface BestEffortCacheOptions {
  /** A cache slower than this counts as down for the call: the source of truth answers instead. */
  readonly timeoutMs?: number;
  /** A write that must not be skipped (an invalidation) may wait this long. */
  readonly invalidateTimeoutMs?: number;
  /** After a failure, reads and fills leave the cache alone this long: an outage costs one timeout, not one per request. */
  readonly pauseAfterFailureMs?: number;
  readonly now?: () => number;
}

const log = createLogger('cache.best-effort');

/**
 * The cache as its optional users see it: every failure or timeout becomes "no answer"
 * (undefined), never an error. Reads and fills pause for a moment after a failure; invalidations
 * are always tried, because skipping one could leave a stale entry behind for the next reader.
 */
export class BestEffortCache {
  private readonly timeoutMs: number;
  private readonly invalidateTimeoutMs: number;
  private readonly pauseAfterFailureMs: number;
  private readonly now: () => number;
  private pausedUntil = 0;

  constructor(
    private readonly cache: Cache,
    private readonly name: string,
    options: BestEffortCacheOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 150;
    this.invalidateTimeoutMs = options.invalidateTimeoutMs ?? 2_000;
    this.pauseAfterFailureMs = options.pauseAfterFailureMs ?? 1_000;
    this.now = options.now ?? Date.now;
  }

  /** A read or a fill: skipped while paused. @returns undefined when skipped, failed or too slow. */
  async attempt<T>(what: string, call: (cache: Cache) => Promise<T>): Promise<T | undefined> {
    if (this.now() < this.pausedUntil) return undefined;
    return this.run(what, call, this.timeoutMs);
  }

  /** A write a later reader relies on: tried even while paused. @returns whether it was done. */
  async invalidate(what: string, call: (cache: Cache) => Promise<unknown>): Promise<boolean> {
    return (await this.run(what, async (cache) => (await call(cache), true), this.invalidateTimeoutMs)) === true;
  }

  private async run<T>(what: string, call: (cache: Cache) => Promise<T>, timeoutMs: number): Promise<T | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const tooSlow = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      const outcome = await Promise.race([call(this.cache).then((value) => ({ value })), tooSlow]);
      if (outcome !== 'timeout') return outcome.value;
      this.failed(what, new Error(`no answer within ${timeoutMs} ms`));
    } catch (error) {
      this.failed(what, error);
    } finally {
      clearTimeout(timer);
    }
    return undefined;
  }

  private failed(what: string, error: unknown): void {
    if (this.now() >= this.pausedUntil) log.debug('cache unavailable; the source of truth answers', { cache: this.name, what, error });
    this.pausedUntil = this.now() + this.pauseAfterFailureMs;
  }
}
