import type { Cache, CacheEntry } from '../cache.port';
import { assertTtl, fixedWindow } from '../fixed-window';
import { MemoryCacheStore } from './memory-cache-store';

export interface MemoryCacheOptions {
  readonly keyPrefix?: string;
  /** Share one keyspace between caches (each under its own prefix); a private one otherwise. */
  readonly store?: MemoryCacheStore;
}

/** The all-in-one cache: Redis semantics for the commands the port uses, in this process. */
export class MemoryCache implements Cache {
  private readonly prefix: string;
  private readonly store: MemoryCacheStore;
  private closed = false;

  constructor(options: MemoryCacheOptions = {}) {
    this.prefix = options.keyPrefix ?? '';
    this.store = options.store ?? new MemoryCacheStore();
  }

  async get(key: string): Promise<string | undefined> {
    this.assertOpen();
    return this.store.read(this.prefix + key);
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.assertOpen();
    if (ttlMs !== undefined) assertTtl(ttlMs);
    this.store.write(this.prefix + key, value, ttlMs === undefined ? Number.POSITIVE_INFINITY : this.store.now() + ttlMs);
  }

  async setMany(entries: readonly CacheEntry[]): Promise<void> {
    for (const { key, value, ttlMs } of entries) await this.set(key, value, ttlMs);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    this.assertOpen();
    assertTtl(ttlMs);
    if (this.store.read(this.prefix + key) !== undefined) return false;
    this.store.write(this.prefix + key, value, this.store.now() + ttlMs);
    return true;
  }

  async delete(...keys: string[]): Promise<void> {
    this.assertOpen();
    for (const key of keys) this.store.remove(this.prefix + key);
  }

  async hitWindow(key: string, windowMs: number): Promise<number> {
    this.assertOpen();
    const window = fixedWindow(this.prefix + key, windowMs, this.store.now());
    const count = Number(this.store.read(window.key) ?? '0') + 1;
    this.store.write(window.key, String(count), window.endsAt);
    return count;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** A closed Redis client fails its commands; so does this, so shutdown-order bugs show up in all-in-one too. */
  private assertOpen(): void {
    if (this.closed) throw new Error('cache is closed');
  }
}
