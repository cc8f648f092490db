import { randomUUID } from 'node:crypto';
import { createCache, RedisCache, type Cache } from '@ecs/cache';
import { Redis } from 'ioredis';

const REDIS_URL = 'redis://127.0.0.1:6379';

describe('RedisCache against a real Redis', () => {
  const prefix = `test:cache:${randomUUID()}:`;
  const admin = new Redis(REDIS_URL);
  const opened: Cache[] = [];
  const open = (keyPrefix = prefix, now?: () => number): Cache => {
    const cache = new RedisCache({ url: REDIS_URL, keyPrefix, now });
    opened.push(cache);
    return cache;
  };

  async function keysUnder(match: string): Promise<string[]> {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${match}*`, 'COUNT', 500);
      found.push(...keys);
      cursor = next;
    } while (cursor !== '0');
    return found;
  }

  afterAll(async () => {
    await Promise.all(opened.map((cache) => cache.close()));
    const keys = await keysUnder(prefix);
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
  });

  it('stores under its prefix, reads back and deletes', async () => {
    const cache = open();
    await cache.set('a', '1');
    await cache.set('b', '2');
    expect(await cache.get('a')).toBe('1');
    expect(await admin.get(`${prefix}a`)).toBe('1');
    await cache.delete('a', 'b');
    await cache.delete();
    expect(await cache.get('a')).toBeUndefined();
    expect(await admin.exists(`${prefix}b`)).toBe(0);
  });

  it('sets a TTL in milliseconds, and none when not asked', async () => {
    const cache = open();
    await cache.set('ttl', 'x', 60_000);
    await cache.set('plain', 'y');
    const ttl = await admin.pttl(`${prefix}ttl`);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(await admin.pttl(`${prefix}plain`)).toBe(-1);
  });

  it('expires a key after its TTL', async () => {
    const cache = open();
    await cache.set('brief', 'x', 50);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await cache.get('brief')).toBeUndefined();
  });

  it('setIfAbsent is SET NX: only one of many concurrent callers wins', async () => {
    const caches = [open(), open(), open()];
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => caches[i % 3].setIfAbsent('nonce', `v${i}`, 60_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await admin.pttl(`${prefix}nonce`)).toBeGreaterThan(0);
  });

  it('counts hits in a window keyed by its start, with an expiry at the window end', async () => {
    let now = 7 * 60_000 + 30_000;
    const cache = open(prefix, () => now);
    const counts = await Promise.all(Array.from({ length: 20 }, () => cache.hitWindow('ak', 60_000)));
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const ttl = await admin.pttl(`${prefix}ak:${7 * 60_000}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30_000);
    now += 30_000;
    expect(await cache.hitWindow('ak', 60_000)).toBe(1);
  });

  it('keeps two prefixes apart', async () => {
    const a = open(`${prefix}a:`);
    const b = open(`${prefix}b:`);
    await a.set('k', 'from-a');
    expect(await b.get('k')).toBeUndefined();
  });

  it('is what createCache builds for kind redis, and fails commands after close', async () => {
    const cache = createCache({ kind: 'redis', url: REDIS_URL, keyPrefix: prefix });
    expect(cache).toBeInstanceOf(RedisCache);
    await cache.set('factory', 'ok');
    expect(await cache.get('factory')).toBe('ok');
    await cache.close();
    await expect(cache.get('factory')).rejects.toThrow();
  });
});
