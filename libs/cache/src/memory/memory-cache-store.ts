interface Entry {
  readonly value: string;
  /** Epoch ms; Infinity when the key has no TTL. */
  readonly expiresAt: number;
}

export interface MemoryCacheStoreOptions {
  readonly now?: () => number;
  /** How often a write may trigger a full pass that drops expired keys nobody reads any more. */
  readonly sweepIntervalMs?: number;
}

/**
 * The keyspace behind one or more `MemoryCache`s, as a Redis server is behind many clients.
 * Expiry needs no timer per key: a read ignores and drops an expired entry, and at most once per
 * sweep interval a write walks the map to drop the expired entries no one reads.
 */
export class MemoryCacheStore {
  readonly now: () => number;
  private readonly entries = new Map<string, Entry>();
  private readonly sweepIntervalMs: number;
  private nextSweepAt: number;

  constructor(options: MemoryCacheStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.sweepIntervalMs = options.sweepIntervalMs ?? 60_000;
    this.nextSweepAt = this.now() + this.sweepIntervalMs;
  }

  read(key: string): string | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  write(key: string, value: string, expiresAt: number): void {
    this.sweepIfDue();
    this.entries.set(key, { value, expiresAt });
  }

  remove(key: string): void {
    this.entries.delete(key);
  }

  /** Entries held, expired or not: what the sweep keeps bounded. */
  get size(): number {
    return this.entries.size;
  }

  private sweepIfDue(): void {
    const now = this.now();
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + this.sweepIntervalMs;
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) this.entries.delete(key);
    }
  }
}
