/**
 * The Tair-like cache. Nothing may depend on it for correctness: a flushed cache only costs a
 * re-read. Keys are namespaced by the adapter's prefix, so tests and deployments never collide.
 */
export interface Cache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** SET NX with a TTL: true when this call created the key (nonce and token records). */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Many SETs in one round trip (a Redis pipeline); adapters without it get one `set` per entry. */
  setMany?(entries: readonly CacheEntry[]): Promise<void>;
  delete(...keys: string[]): Promise<void>;
  /**
   * Counts one hit against a fixed window and returns the count within the current window
   * (per-AccessKey throttling).
   */
  hitWindow(key: string, windowMs: number): Promise<number>;
  close(): Promise<void>;
}

export interface CacheEntry {
  readonly key: string;
  readonly value: string;
  readonly ttlMs?: number;
}

export const CACHE = Symbol('Cache');
