import { AsyncLocalStorage } from 'node:async_hooks';

/** One piece of leader-only work: the epoch it acts under, and whether a fenced write of it has committed. */
export interface LeaderWork {
  readonly epoch: number;
  committed: boolean;
}

/**
 * Marks leader-only work, so that the database fences its transactions with the epoch it started
 * under. AsyncLocalStorage carries the mark through awaits and into the timers the work sets up
 * (the deadline sweeper and outbox relay started on election), without threading an epoch through
 * every use case.
 */
export class LeaderScope {
  private readonly storage = new AsyncLocalStorage<LeaderWork>();

  run<T>(epoch: number, work: () => T): T {
    return this.storage.run({ epoch, committed: false }, work);
  }

  current(): LeaderWork | undefined {
    return this.storage.getStore();
  }
}

/** The process's one scope: leadership enters it, the fenced database reads it. */
export const leaderScope = new LeaderScope();
