import { createLogger } from '@ecs/observability';
import { Redis } from 'ioredis';
import type { Cache, CacheEntry } from '../cache.port';
import { assertTtl, fixedWindow } from '../fixed-window';

export interface RedisCacheOptions {
  /** redis://[user:password@]host:port[/db] */
  readonly url: string;
  /** Prepended to every key, so deployments and test runs sharing a server never collide. */
  readonly keyPrefix: string;
  /** Chooses the rate-limit window; injectable so tests need not race a window boundary. */
  readonly now?: () => number;
}

const log = createLogger('cache.redis');

/** The Tair/Redis adapter: one ioredis connection; ioredis applies the key prefix to every command. */
export class RedisCache implements Cache {
  private readonly client: Redis;
  private readonly now: () => number;
  private closed = false;

  constructor(options: RedisCacheOptions) {
    this.now = options.now ?? Date.now;
    // Fail a command after a few reconnect attempts rather than queueing it for minutes: callers
    // treat the cache as optional and fall back to the source of truth.
    this.client = new Redis(options.url, { keyPrefix: options.keyPrefix, maxRetriesPerRequest: 3 });
    let healthy = true;
    // ioredis reports every failed reconnect; log the transition, not the storm.
    this.client.on('error', (error: Error) => {
      if (!healthy) return;
      healthy = false;
      log.warn('redis connection failed; retrying', { error });
    });
    this.client.on('ready', () => {
      if (!healthy) log.info('redis connection restored');
      healthy = true;
    });
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.client.get(key)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    if (ttlMs === undefined) {
      await this.client.set(key, value);
      return;
    }
    assertTtl(ttlMs);
    await this.client.set(key, value, 'PX', ttlMs);
  }

  async setMany(entries: readonly CacheEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const pipeline = this.client.pipeline();
    for (const { key, value, ttlMs } of entries) {
      if (ttlMs === undefined) pipeline.set(key, value);
      else {
        assertTtl(ttlMs);
        pipeline.set(key, value, 'PX', ttlMs);
      }
    }
    for (const [error] of (await pipeline.exec()) ?? []) {
      if (error) throw error;
    }
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    assertTtl(ttlMs);
    return (await this.client.set(key, value, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async delete(...keys: string[]): Promise<void> {
    if (keys.length > 0) await this.client.del(...keys);
  }

  async hitWindow(key: string, windowMs: number): Promise<number> {
    const now = this.now();
    const window = fixedWindow(key, windowMs, now);
    // One MULTI: a counter can never be left without its expiry by a crash between the two.
    const results = await this.client
      .multi()
      .incr(window.key)
      .pexpire(window.key, Math.max(window.endsAt - now, 1))
      .exec();
    const [incr] = results ?? [];
    if (incr === undefined) throw new Error('redis discarded the rate-limit transaction');
    const [error, count] = incr;
    if (error) throw error;
    return Number(count);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // QUIT waits behind commands queued for a server that is away, and then fails with them while
    // the client keeps reconnecting: without a connection, drop the queue and stop at once.
    if (this.client.status === 'ready') await this.client.quit();
    else this.client.disconnect();
  }
}
