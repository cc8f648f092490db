import { createCache } from '../create-cache';
import { MemoryCache } from './memory-cache';
import { MemoryCacheStore } from './memory-cache-store';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('MemoryCache', () => {
  it('stores, reads and deletes values', async () => {
    const cache = new MemoryCache();
    await cache.set('a', '1');
    await cache.set('b', '2');
    expect(await cache.get('a')).toBe('1');
    await cache.delete('a', 'b', 'missing');
    expect(await cache.get('a')).toBeUndefined();
    expect(await cache.get('b')).toBeUndefined();
  });

  it('expires a key at its TTL and keeps one set without TTL', async () => {
    const time = clock();
    const cache = new MemoryCache({ store: new MemoryCacheStore({ now: time.now }) });
    await cache.set('short', 'x', 100);
    await cache.set('forever', 'y');
    time.advance(99);
    expect(await cache.get('short')).toBe('x');
    time.advance(1);
    expect(await cache.get('short')).toBeUndefined();
    time.advance(10 ** 9);
    expect(await cache.get('forever')).toBe('y');
  });

  it('setIfAbsent creates once, and again after the first expires', async () => {
    const time = clock();
    const cache = new MemoryCache({ store: new MemoryCacheStore({ now: time.now }) });
    expect(await cache.setIfAbsent('nonce', 'a', 1000)).toBe(true);
    expect(await cache.setIfAbsent('nonce', 'b', 1000)).toBe(false);
    expect(await cache.get('nonce')).toBe('a');
    time.advance(1000);
    expect(await cache.setIfAbsent('nonce', 'c', 1000)).toBe(true);
    expect(await cache.get('nonce')).toBe('c');
  });

  it('counts hits per fixed window and starts again in the next window', async () => {
    const time = clock(60_000 * 10 + 59_000);
    const cache = new MemoryCache({ store: new MemoryCacheStore({ now: time.now }) });
    expect(await cache.hitWindow('ak', 60_000)).toBe(1);
    expect(await cache.hitWindow('ak', 60_000)).toBe(2);
    expect(await cache.hitWindow('other', 60_000)).toBe(1);
    time.advance(1000);
    expect(await cache.hitWindow('ak', 60_000)).toBe(1);
  });

  it('keeps caches on one store apart by prefix', async () => {
    const store = new MemoryCacheStore();
    const gateway = new MemoryCache({ store, keyPrefix: 'gw:' });
    const business = new MemoryCache({ store, keyPrefix: 'biz:' });
    await gateway.set('k', 'from-gateway');
    expect(await business.get('k')).toBeUndefined();
    expect(await new MemoryCache({ store, keyPrefix: 'gw:' }).get('k')).toBe('from-gateway');
  });

  it('drops expired keys nobody reads when a write comes after the sweep interval', async () => {
    const time = clock();
    const store = new MemoryCacheStore({ now: time.now, sweepIntervalMs: 1000 });
    const cache = new MemoryCache({ store });
    for (let i = 0; i < 100; i++) await cache.set(`k${i}`, 'v', 10);
    await cache.set('kept', 'v');
    expect(store.size).toBe(101);
    time.advance(1000);
    await cache.set('trigger', 'v');
    expect(store.size).toBe(2);
  });

  it('refuses TTLs and windows that are not positive integers', async () => {
    const cache = new MemoryCache();
    await expect(cache.set('k', 'v', 0)).rejects.toThrow(RangeError);
    await expect(cache.setIfAbsent('k', 'v', 1.5)).rejects.toThrow(RangeError);
    await expect(cache.hitWindow('k', -1)).rejects.toThrow(RangeError);
  });

  it('fails every command once closed', async () => {
    const cache = createCache({ kind: 'memory' });
    await cache.close();
    await expect(cache.get('k')).rejects.toThrow('cache is closed');
  });
});
