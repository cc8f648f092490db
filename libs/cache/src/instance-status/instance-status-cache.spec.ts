import { MemoryCache } from '../memory/memory-cache';
import { MemoryCacheStore } from '../memory/memory-cache-store';
import { InstanceStatusCache } from './instance-status-cache';

describe('InstanceStatusCache', () => {
  let now: number;
  let store: MemoryCacheStore;
  let statuses: InstanceStatusCache;
  beforeEach(() => {
    now = 1_000;
    store = new MemoryCacheStore({ now: () => now });
    statuses = new InstanceStatusCache(new MemoryCache({ store, keyPrefix: 'ecs:' }), { ttlMs: 5_000 });
  });

  it('reads back what was set, per instance, under its namespace', async () => {
    await statuses.set('i-1', { status: 'Running', seq: 7, updatedAt: 1_000 });
    await statuses.set('i-2', { status: 'Stopped', seq: 2, updatedAt: 1_001 });
    expect(await statuses.get('i-1')).toEqual({ status: 'Running', seq: 7, updatedAt: 1_000 });
    expect(await statuses.get('i-2')).toEqual({ status: 'Stopped', seq: 2, updatedAt: 1_001 });
    expect(store.read('ecs:instance-status:i-1')).toBeDefined();
  });

  it('forgets an entry on invalidate and after its TTL', async () => {
    await statuses.set('i-1', { status: 'Running', seq: 1, updatedAt: 1_000 });
    await statuses.set('i-2', { status: 'Running', seq: 1, updatedAt: 1_000 });
    await statuses.invalidate('i-1');
    expect(await statuses.get('i-1')).toBeUndefined();
    now += 4_999;
    expect(await statuses.get('i-2')).toBeDefined();
    now += 1;
    expect(await statuses.get('i-2')).toBeUndefined();
  });

  it('reads a damaged or foreign entry as a miss', async () => {
    const cache = new MemoryCache({ store, keyPrefix: 'ecs:' });
    await cache.set('instance-status:i-bad', 'not json');
    await cache.set('instance-status:i-old', JSON.stringify({ status: 'Rebooting', seq: 1, updatedAt: 1 }));
    expect(await statuses.get('i-bad')).toBeUndefined();
    expect(await statuses.get('i-old')).toBeUndefined();
  });

  it('writes many statuses in one call, through a cache without a batch method too', async () => {
    await statuses.setMany(new Map([['i-1', { status: 'Running', seq: 3, updatedAt: 1_000 }], ['i-2', { status: 'Stopped', seq: 4, updatedAt: 1_000 }]]));
    expect(await statuses.get('i-1')).toEqual({ status: 'Running', seq: 3, updatedAt: 1_000 });
    expect(await statuses.get('i-2')).toEqual({ status: 'Stopped', seq: 4, updatedAt: 1_000 });
    now += 5_000;
    expect(await statuses.get('i-1')).toBeUndefined();
    const inner = new MemoryCache({ store, keyPrefix: 'ecs:' });
    const plain = new InstanceStatusCache({ get: (k) => inner.get(k), set: (k, v, t) => inner.set(k, v, t), setIfAbsent: (k, v, t) => inner.setIfAbsent(k, v, t), delete: (...k) => inner.delete(...k), hitWindow: (k, w) => inner.hitWindow(k, w), close: () => inner.close() }, { ttlMs: 5_000 });
    await plain.setMany(new Map([['i-3', { status: 'Starting', seq: 1, updatedAt: now }]]));
    expect(await statuses.get('i-3')).toEqual({ status: 'Starting', seq: 1, updatedAt: now });
  });
});
