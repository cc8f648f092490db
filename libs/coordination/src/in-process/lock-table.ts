import type { Lock } from '../coordinator.port';
import { LockTimeoutError } from '../coordination-errors';

interface Waiter {
  readonly grant: (lock: Lock) => void;
  readonly fail: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/** Named mutexes; waiters are served first come, first served, each until its own timeout. */
export class LockTable {
  private readonly locks = new Map<string, Waiter[]>();

  acquire(name: string, timeoutMs: number): Promise<Lock> {
    if (!(timeoutMs >= 0)) return Promise.reject(new RangeError(`lock timeout must be >= 0 ms, got ${timeoutMs}`));
    const waiters = this.locks.get(name);
    if (waiters === undefined) {
      this.locks.set(name, []);
      return Promise.resolve(this.handle(name));
    }
    return new Promise<Lock>((grant, fail) => {
      const timer = setTimeout(() => {
        const index = waiters.indexOf(waiter);
        if (index >= 0) waiters.splice(index, 1);
        fail(new LockTimeoutError(name, timeoutMs));
      }, timeoutMs);
      const waiter: Waiter = { grant, fail, timer };
      waiters.push(waiter);
    });
  }

  /** Fails every waiter; held locks simply cease to exist. */
  abandonAll(reason: Error): void {
    for (const waiters of this.locks.values()) {
      for (const waiter of waiters) {
        clearTimeout(waiter.timer);
        waiter.fail(reason);
      }
    }
    this.locks.clear();
  }

  private handle(name: string): Lock {
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        this.handOver(name);
      },
    };
  }

  private handOver(name: string): void {
    const waiters = this.locks.get(name);
    if (waiters === undefined) return;
    const next = waiters.shift();
    if (next === undefined) {
      this.locks.delete(name);
      return;
    }
    clearTimeout(next.timer);
    next.grant(this.handle(name));
  }
}
