import { randomBytes, randomUUID } from 'node:crypto';
import { CachedCatalog, RedisCache } from '@ecs/cache';
import type { ApiResult, CatalogReader } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import { AccountRepository, CatalogRepository, defaultCatalogSeed, LedgerRepository, QuotaRepository } from '@ecs/persistence';
import { mariadbTestDatabase, type TestDatabase } from '@ecs/testing';
import { serverUrl } from '@ecs/transport';
import { createAdminServers, type AdminServers } from '../../apps/business/src/admin-api/create-admin-servers';
import { TenantApiDispatcher } from '../../apps/business/src/tenant-api/tenant-api-dispatcher';
import { apiCall } from '../../apps/business/src/tenant-api/testing/api-call';
import { REGION } from '../../apps/business/src/tenant-api/testing/catalog-fixture';
import { FakeControl } from '../../apps/business/src/tenant-api/testing/fake-control';
import { PrivateRedis } from '../cluster/support/private-redis';

const ZONE = `${REGION}-h`;
const OTHER_ZONE = `${REGION}-i`;
const TYPE = 'ecs.g7.large';
const IMAGE = 'aliyun_3_x64_20G_alibase_20241103.vhd';

/** The catalog tables, with a record of every read that reached the database. */
function countedCatalog(repository: CatalogRepository): { catalog: CatalogReader; reads: string[] } {
  const reads: string[] = [];
  const catalog = new Proxy(repository, {
    get(target, property, receiver): unknown {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        reads.push(String(property));
        return (value as (...params: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { catalog, reads };
}

/**
 * Two business replicas on one MariaDB database and one Redis: an operator edits the catalog
 * through replica A's admin API, a tenant reads it through replica B's cached catalog.
 */
describe('the tenant API catalog cached in Redis, invalidated by admin edits from another replica', () => {
  let redis: PrivateRedis;
  let handle: TestDatabase;
  const caches: RedisCache[] = [];
  let admin: AdminServers;
  let adminUrl: string;
  let tenant: TenantApiDispatcher;
  let databaseReads: string[];
  const control = new FakeControl([], [ZONE, OTHER_ZONE].map((zoneId) => ({ zoneId, instanceTypeId: TYPE, availableCount: 10 })));
  const operatorToken = randomBytes(24).toString('base64url');
  const keyPrefix = `test:catalog:${randomUUID()}:`;

  beforeAll(async () => {
    // A Redis of this test's own: FLUSHALL must touch nobody else's keys.
    [redis, handle] = await Promise.all([PrivateRedis.start(), mariadbTestDatabase(4)]);
    const { db } = handle;
    await new CatalogRepository(db).seed(defaultCatalogSeed(REGION));
    const [cacheA, cacheB] = [0, 1].map(() => new RedisCache({ url: redis.url, keyPrefix }));
    caches.push(cacheA, cacheB);

    const replicaA = new CachedCatalog(new CatalogRepository(db), cacheA, { scope: REGION });
    admin = await createAdminServers(
      {
        db,
        regionId: REGION,
        accounts: new AccountRepository(db),
        catalog: new CatalogRepository(db),
        quotas: new QuotaRepository(db, { maxVcpus: 100, maxInstances: 100 }),
        ledger: new LedgerRepository(db),
        control,
        liveness: { liveHostIds: async () => new Set() },
        cache: cacheA,
        catalogChanged: () => replicaA.invalidate(),
        operatorToken,
        sessionMs: 60_000,
        loginAttemptsPerWindow: 10,
      },
      { bootstrapOperator: { username: 'admin', password: randomBytes(16).toString('base64url') } },
    );
    await admin.admin.listen(0, '127.0.0.1');
    adminUrl = serverUrl(admin.admin);

    const counted = countedCatalog(new CatalogRepository(db));
    databaseReads = counted.reads;
    tenant = new TenantApiDispatcher({ control, catalog: new CachedCatalog(counted.catalog, cacheB, { scope: REGION }), regionId: REGION });
  });

  afterAll(async () => {
    await admin?.admin.close();
    await admin?.console.close();
    await Promise.all(caches.map((cache) => cache.close().catch(() => undefined)));
    await Promise.all([handle?.dispose(), redis?.stop()]);
  });

  async function edit(path: string, body: object): Promise<void> {
    const response = await fetch(`${adminUrl}/admin/v1/${path}`, { method: 'PUT', headers: { authorization: `Bearer ${operatorToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(200);
  }

  async function call(action: string, params: Record<string, string> = {}): Promise<ApiResult> {
    return tenant.dispatch(apiCall(action, { RegionId: REGION, ...params }));
  }

  async function errorOf(action: string, params: Record<string, string>): Promise<string> {
    try {
      await call(action, params);
      return 'accepted';
    } catch (error) {
      if (error instanceof EcsError) return error.code;
      throw error;
    }
  }

  /** RunInstances as far as the business layer takes it: refused there, or handed to control. */
  const run = () => errorOf('RunInstances', { ZoneId: ZONE, InstanceType: TYPE, ImageId: IMAGE });

  async function vcpusOf(instanceType: string): Promise<unknown> {
    const answer = (await call('DescribeInstanceTypes', { 'InstanceTypes.1': instanceType })) as { InstanceTypes: { InstanceType: { CpuCoreCount: number }[] } };
    return answer.InstanceTypes.InstanceType[0]?.CpuCoreCount;
  }

  async function availability(zoneId: string): Promise<unknown> {
    const answer = (await call('DescribeAvailableResource', { DestinationResource: 'InstanceType', ZoneId: zoneId, InstanceType: TYPE })) as {
      AvailableZones: { AvailableZone: { AvailableResources: { AvailableResource: { SupportedResources: { SupportedResource: { StatusCategory: string }[] } }[] } }[] };
    };
    return answer.AvailableZones.AvailableZone[0]?.AvailableResources.AvailableResource[0].SupportedResources.SupportedResource[0].StatusCategory;
  }

  async function price(): Promise<unknown> {
    return ((await call('DescribePrice', { InstanceType: TYPE, ZoneId: ZONE })) as { PriceInfo: { Price: { TradePrice: number } } }).PriceInfo.Price.TradePrice;
  }

  /** Every answer the catalog shapes, for comparing before and after a fault. */
  async function snapshot(): Promise<unknown> {
    return { types: await call('DescribeInstanceTypes'), zones: await call('DescribeZones'), regions: await call('DescribeRegions'), available: await availability(ZONE), price: await price(), run: await run() };
  }

  it('answers repeated catalog reads from Redis, not the database', async () => {
    await snapshot();
    const readsAfterFirst = databaseReads.length;
    expect(readsAfterFirst).toBeGreaterThan(0);
    await snapshot();
    await snapshot();
    // Images are read per account from the database on purpose (RunInstances checks one); nothing else is.
    expect(databaseReads.slice(readsAfterFirst).every((read) => read === 'images')).toBe(true);
  });

  it('a type closed through the admin API is refused by the next RunInstances, and sold again once reopened', async () => {
    expect(await run()).toBe('accepted');
    const launches = control.launches.length;
    await edit(`sale-specs/${ZONE}/${TYPE}`, { onSale: false });
    expect(await run()).toBe('InvalidInstanceType.NotSupported');
    expect(control.launches.length).toBe(launches);
    expect(await availability(ZONE)).toBe('ClosedWithStock');
    expect(await availability(OTHER_ZONE)).toBe('WithStock');

    await edit(`sale-specs/${ZONE}/${TYPE}`, { onSale: true });
    expect(await availability(ZONE)).toBe('WithStock');
    expect(await run()).toBe('accepted');
    expect(control.launches.length).toBe(launches + 1);
  });

  it('a type edit shows in the next DescribeInstanceTypes, a price in the next DescribePrice', async () => {
    expect(await vcpusOf(TYPE)).toBe(2);
    await edit(`instance-types/${TYPE}`, { familyId: 'ecs.g7', vcpus: 3, memoryGiB: 12, hostClass: 'x86-general' });
    expect(await vcpusOf(TYPE)).toBe(3);
    await edit(`prices/${TYPE}`, { pricePerHour: 2.5, currency: 'CNY' });
    expect(await price()).toBe(2.5);
  });

  it('FLUSHALL mid-run changes no answer, and edits after it show at once', async () => {
    const before = await snapshot();
    await redis.flushAll();
    expect(await snapshot()).toEqual(before);
    await redis.flushAll();
    await edit(`sale-specs/${ZONE}/${TYPE}`, { onSale: false });
    expect(await run()).toBe('InvalidInstanceType.NotSupported');
    await redis.flushAll();
    expect(await run()).toBe('InvalidInstanceType.NotSupported');
    await edit(`sale-specs/${ZONE}/${TYPE}`, { onSale: true });
    expect(await snapshot()).toEqual(before);
  });

  it('with Redis gone, the database answers, edits included', async () => {
    await redis.stop();
    await edit(`sale-specs/${ZONE}/${TYPE}`, { onSale: false });
    expect(await run()).toBe('InvalidInstanceType.NotSupported');
    await edit(`prices/${TYPE}`, { pricePerHour: 3, currency: 'CNY' });
    expect(await price()).toBe(3);
  });
});
