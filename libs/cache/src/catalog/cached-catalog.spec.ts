import type { CatalogReader, InstanceTypeRecord, SaleSpecRecord } from '@ecs/contracts';
import type { Cache } from '../cache.port';
import { MemoryCache } from '../memory/memory-cache';
import { MemoryCacheStore } from '../memory/memory-cache-store';
import { CachedCatalog } from './cached-catalog';

const REGION = 'cn-test';
const TYPE: InstanceTypeRecord = { instanceTypeId: 'ecs.g7.large', familyId: 'ecs.g7', vcpus: 2, memoryGiB: 8, hostClass: 'x86-general', description: '' };

/** The database's side: mutable rows, and a count of the reads that reached it. */
function catalogSource() {
  const rows = {
    types: [TYPE],
    specs: [{ regionId: REGION, zoneId: 'cn-test-a', instanceTypeId: TYPE.instanceTypeId, onSale: true, pricePerHour: 1, currency: 'CNY' }] as SaleSpecRecord[],
  };
  const reads: string[] = [];
  const source: CatalogReader = {
    regions: async () => (reads.push('regions'), [{ regionId: REGION, localName: 'Test', endpoint: 'ecs.test' }]),
    zones: async (regionId) => (reads.push(`zones:${regionId}`), [{ zoneId: 'cn-test-a', regionId, localName: 'A' }]),
    families: async () => (reads.push('families'), [{ familyId: 'ecs.g7', generation: 'ecs-5', description: 'general' }]),
    instanceTypes: async () => (reads.push('instance-types'), rows.types.map((t) => ({ ...t }))),
    instanceType: async (id) => (reads.push(`instance-type:${id}`), rows.types.find((t) => t.instanceTypeId === id)),
    images: async () => (reads.push('images'), []),
    saleSpecs: async (regionId) => (reads.push(`sale-specs:${regionId}`), rows.specs.filter((s) => s.regionId === regionId).map((s) => ({ ...s }))),
  };
  return { rows, reads, source };
}

describe('CachedCatalog', () => {
  it('answers repeated reads from the cache, and the same as the source', async () => {
    const { rows, reads, source } = catalogSource();
    const catalog = new CachedCatalog(source, new MemoryCache(), { scope: REGION });
    for (let i = 0; i < 3; i++) {
      expect(await catalog.saleSpecs(REGION)).toEqual(rows.specs);
      expect(await catalog.instanceType(TYPE.instanceTypeId)).toEqual(TYPE);
      expect(await catalog.instanceType('ecs.none.large')).toBeUndefined();
      expect(await catalog.zones(REGION)).toHaveLength(1);
    }
    expect(reads).toEqual(['sale-specs:cn-test', 'instance-types', 'zones:cn-test']);
  });

  it('sees an edit on the next read after invalidate, in another replica on the same cache too', async () => {
    const store = new MemoryCacheStore();
    const { rows, source } = catalogSource();
    const tenantSide = new CachedCatalog(source, new MemoryCache({ store, keyPrefix: 'ecs:' }), { scope: REGION });
    const adminSide = new CachedCatalog(source, new MemoryCache({ store, keyPrefix: 'ecs:' }), { scope: REGION });
    expect((await tenantSide.saleSpecs(REGION))[0].onSale).toBe(true);
    rows.specs = [{ ...rows.specs[0], onSale: false }];
    expect((await tenantSide.saleSpecs(REGION))[0].onSale).toBe(true);
    await adminSide.invalidate();
    expect((await tenantSide.saleSpecs(REGION))[0].onSale).toBe(false);
  });

  it('never serves what a read fetched before the edit once the edit is invalidated', async () => {
    const { rows, source } = catalogSource();
    let releaseSlowRead: () => void = () => undefined;
    const slowSource: CatalogReader = {
      ...source,
      // The slow reader fetched its rows before the edit, and fills the cache only after the edit's invalidation.
      instanceTypes: async () => {
        const before = await source.instanceTypes();
        await new Promise<void>((resolve) => (releaseSlowRead = resolve));
        return before;
      },
    };
    const cache = new MemoryCache();
    const slow = new CachedCatalog(slowSource, cache, { scope: REGION });
    const other = new CachedCatalog(source, cache, { scope: REGION });
    const stale = slow.instanceTypes();
    await new Promise((resolve) => setImmediate(resolve));
    rows.types = [{ ...TYPE, vcpus: 4 }];
    await other.invalidate();
    releaseSlowRead();
    expect((await stale)[0].vcpus).toBe(2);
    expect((await other.instanceTypes())[0].vcpus).toBe(4);
    expect((await slow.instanceTypes())[0].vcpus).toBe(4);
  });

  it('starts afresh after a flush, and lets entries expire by themselves', async () => {
    let now = 0;
    const store = new MemoryCacheStore({ now: () => now });
    const { rows, reads, source } = catalogSource();
    const catalog = new CachedCatalog(source, new MemoryCache({ store }), { scope: REGION, entryTtlMs: 10_000 });
    await catalog.families();
    // What FLUSHALL, or an eviction of the version key, does to the reader.
    store.remove('catalog:version');
    await catalog.families();
    expect(reads).toEqual(['families', 'families']);
    // An edit whose invalidation never reached the cache shows once the entry expires.
    rows.types = [{ ...TYPE, vcpus: 8 }];
    await catalog.instanceTypes();
    now += 10_000;
    expect((await catalog.instanceTypes())[0].vcpus).toBe(8);
  });

  it('keeps scopes apart and never caches images', async () => {
    const cache = new MemoryCache();
    const { reads, source } = catalogSource();
    await new CachedCatalog(source, cache, { scope: 'region-a' }).regions();
    await new CachedCatalog(source, cache, { scope: 'region-b' }).regions();
    const catalog = new CachedCatalog(source, cache, { scope: 'region-a' });
    await catalog.images({ regionId: REGION, accountId: 'acct' });
    await catalog.images({ regionId: REGION, accountId: 'acct' });
    expect(reads).toEqual(['regions', 'regions', 'images', 'images']);
  });

  it('reads the source when the cache fails, and a damaged entry as a miss', async () => {
    const down = () => Promise.reject(new Error('down'));
    const broken: Cache = { get: down, set: down, setIfAbsent: down, delete: down, hitWindow: down, close: async () => undefined };
    const { reads, source } = catalogSource();
    const catalog = new CachedCatalog(source, broken, { scope: REGION });
    expect(await catalog.regions()).toHaveLength(1);
    expect(await catalog.regions()).toHaveLength(1);
    await catalog.invalidate();
    expect(reads).toEqual(['regions', 'regions']);

    const store = new MemoryCacheStore();
    const working = new CachedCatalog(source, new MemoryCache({ store }), { scope: REGION });
    await working.regions();
    const version = store.read('catalog:version')!;
    store.write(`catalog:${version}:${REGION}:regions`, '{not json', Number.POSITIVE_INFINITY);
    expect(await working.regions()).toHaveLength(1);
    expect(reads).toEqual(['regions', 'regions', 'regions', 'regions']);
  });
});
