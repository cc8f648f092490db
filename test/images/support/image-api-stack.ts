import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MemoryCache } from '@ecs/cache';
import type { ConsoleOutputReader } from '@ecs/contracts';
import { AccountRepository, CatalogRepository, defaultCatalogSeed, type Database } from '@ecs/persistence';
import { RegionRouter } from '../../../apps/api-proxy/src';
import { TenantApiDispatcher } from '../../../apps/business/src';
import { FakeControl, instanceView } from '../../../apps/business/src/tenant-api/testing/fake-control';
import { createGatewayApp } from '../../../apps/openapi-gateway/src';
import type { Credentials } from '../../support/sdk-clients';
import type { ImageCenterFixture } from './image-center-fixture';
import { REGION } from './image-center-fixture';

export interface ImageApiStack {
  readonly gatewayUrl: string;
  readonly tenant: Credentials & { readonly accountId: string };
  readonly neighbour: Credentials & { readonly accountId: string };
  readonly control: FakeControl;
  close(): Promise<void>;
}

/**
 * The tenant request path for image actions — gateway (signatures), API proxy, business layer —
 * over a real database and a real image center; control is the business layer's in-memory fake,
 * holding one stopped and one running instance of the tenant.
 */
export async function startImageApiStack(db: Database, fixture: ImageCenterFixture, consoles: ConsoleOutputReader): Promise<ImageApiStack> {
  const catalog = new CatalogRepository(db);
  await catalog.seed(defaultCatalogSeed(REGION));
  const accounts = new AccountRepository(db);
  const tenant = await accounts.createAccount('image-tenant');
  const neighbour = await accounts.createAccount('image-neighbour');
  const systemImageId = (await catalog.images({ regionId: REGION, accountId: tenant.AccountId }))[0].imageId;
  const control = new FakeControl([
    instanceView({ instanceId: 'i-stopped', accountId: tenant.AccountId, regionId: REGION, status: 'Stopped', imageId: systemImageId, startTime: undefined, stoppedMode: 'StopCharging' }),
    instanceView({ instanceId: 'i-running', accountId: tenant.AccountId, regionId: REGION, imageId: systemImageId }),
  ]);
  const business = new TenantApiDispatcher({ control, catalog, regionId: REGION, images: fixture.center.service, consoleOutput: consoles });
  const cache = new MemoryCache({ keyPrefix: 'test:' });
  const gateway: NestFastifyApplication = await createGatewayApp({
    dispatcher: new RegionRouter({ regions: new Map([[REGION, business]]) }),
    credentials: accounts,
    cache,
    readiness: { isReady: () => true },
    config: { timestampWindowMs: 900_000, throttlePerSecond: 1000, bodyLimitBytes: 1024 * 1024, hostId: `ecs.${REGION}.example.test` },
  });
  await gateway.listen(0, '127.0.0.1');
  const { port } = gateway.getHttpServer().address() as AddressInfo;
  return {
    gatewayUrl: `http://127.0.0.1:${port}`,
    tenant: { accountId: tenant.AccountId, accessKeyId: tenant.AccessKeyId, accessKeySecret: tenant.AccessKeySecret },
    neighbour: { accountId: neighbour.AccountId, accessKeyId: neighbour.AccessKeyId, accessKeySecret: neighbour.AccessKeySecret },
    control,
    async close() {
      await gateway.close();
      await cache.close();
    },
  };
}
