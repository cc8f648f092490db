import type { Cache } from '../cache.port';
import { MemoryCache } from '../memory/memory-cache';
import { MemoryCacheStore } from '../memory/memory-cache-store';
import { CachedClientTokens } from './cached-client-tokens';
import { NO_CLIENT_TOKEN_CACHE } from './client-token-cache';

describe('CachedClientTokens', () => {
  it('answers what was remembered, per account and token, until its TTL', async () => {
    let now = 0;
    const store = new MemoryCacheStore({ now: () => now });
    const tokens = new CachedClientTokens(new MemoryCache({ store }), { ttlMs: 1_000 });
    await tokens.remember('acct-1', 'tok', { requestHash: 'h1', response: '{"instanceIds":["i-1"]}' });
    expect(await tokens.answer('acct-1', 'tok')).toEqual({ requestHash: 'h1', response: '{"instanceIds":["i-1"]}' });
    expect(await tokens.answer('acct-2', 'tok')).toBeUndefined();
    now += 1_000;
    expect(await tokens.answer('acct-1', 'tok')).toBeUndefined();
  });

  it('keeps account and token apart even when they contain the separator', async () => {
    const tokens = new CachedClientTokens(new MemoryCache());
    await tokens.remember('a:b', 'c', { requestHash: 'first', response: '1' });
    expect(await tokens.answer('a', 'b:c')).toBeUndefined();
  });

  it('reads a damaged entry as a miss', async () => {
    const cache = new MemoryCache();
    await cache.set('client-token:acct:tok', '{"requestHash":1}');
    expect(await new CachedClientTokens(cache).answer('acct', 'tok')).toBeUndefined();
  });

  it('never throws when the cache fails: no answer, nothing remembered', async () => {
    const down = () => Promise.reject(new Error('down'));
    const broken: Cache = { get: down, set: down, setIfAbsent: down, delete: down, hitWindow: down, close: async () => undefined };
    const tokens = new CachedClientTokens(broken);
    await expect(tokens.remember('acct', 'tok', { requestHash: 'h', response: '{}' })).resolves.toBeUndefined();
    await expect(tokens.answer('acct', 'tok')).resolves.toBeUndefined();
  });

  it('has a none adapter that knows nothing', async () => {
    await NO_CLIENT_TOKEN_CACHE.remember('acct', 'tok', { requestHash: 'h', response: '{}' });
    expect(await NO_CLIENT_TOKEN_CACHE.answer('acct', 'tok')).toBeUndefined();
  });
});
