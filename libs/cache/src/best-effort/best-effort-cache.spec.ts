import type { Cache } from '../cache.port';
import { MemoryCache } from '../memory/memory-cache';
import { BestEffortCache } from './best-effort-cache';

/** A cache whose commands fail (or hang) while `down` is set, and count what reached it. */
function flakyCache() {
  const inner = new MemoryCache();
  const state = { down: false as false | 'error' | 'hang', calls: 0 };
  const gate = async <T>(call: () => Promise<T>): Promise<T> => {
    state.calls++;
    if (state.down === 'error') throw new Error('connection refused');
    if (state.down === 'hang') return new Promise<T>(() => undefined);
    return call();
  };
  const cache: Cache = {
    get: (key) => gate(() => inner.get(key)),
    set: (key, value, ttl) => gate(() => inner.set(key, value, ttl)),
    setIfAbsent: (key, value, ttl) => gate(() => inner.setIfAbsent(key, value, ttl)),
    delete: (...keys) => gate(() => inner.delete(...keys)),
    hitWindow: (key, window) => gate(() => inner.hitWindow(key, window)),
    close: () => inner.close(),
  };
  return { cache, state };
}

describe('BestEffortCache', () => {
  it('answers what the cache answers while it works', async () => {
    const { cache } = flakyCache();
    const bestEffort = new BestEffortCache(cache, 'test');
    expect(await bestEffort.invalidate('set', (c) => c.set('k', 'v'))).toBe(true);
    expect(await bestEffort.attempt('get', (c) => c.get('k'))).toBe('v');
  });

  it('turns a failure into no answer, then leaves the cache alone for the pause, except to invalidate', async () => {
    let now = 1_000;
    const { cache, state } = flakyCache();
    const bestEffort = new BestEffortCache(cache, 'test', { pauseAfterFailureMs: 500, now: () => now });
    state.down = 'error';
    expect(await bestEffort.attempt('get', (c) => c.get('k'))).toBeUndefined();
    expect(state.calls).toBe(1);
    state.down = false;
    expect(await bestEffort.attempt('get', (c) => c.get('k'))).toBeUndefined();
    expect(state.calls).toBe(1);
    expect(await bestEffort.invalidate('set', (c) => c.set('k', 'fresh'))).toBe(true);
    expect(state.calls).toBe(2);
    now += 500;
    expect(await bestEffort.attempt('get', (c) => c.get('k'))).toBe('fresh');
  });

  it('gives up on a cache that does not answer in time', async () => {
    const { cache, state } = flakyCache();
    const bestEffort = new BestEffortCache(cache, 'test', { timeoutMs: 20, invalidateTimeoutMs: 40 });
    state.down = 'hang';
    const started = Date.now();
    expect(await bestEffort.attempt('get', (c) => c.get('k'))).toBeUndefined();
    expect(await bestEffort.invalidate('set', (c) => c.set('k', 'v'))).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
