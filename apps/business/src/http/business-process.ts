import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CachedCatalog, createCache } from '@ecs/cache';
import { writeAdminEndpoint, type BusinessServiceConfig } from '@ecs/config';
import { SERVICE_GROUPS, type BusinessEndpoint } from '@ecs/contracts';
import { createCoordinator } from '@ecs/coordination';
import { createLogger } from '@ecs/observability';
import { AccountRepository, CatalogRepository, Database, LedgerRepository, QuotaRepository } from '@ecs/persistence';
import { listenInternal, processMemberId, serverUrl } from '@ecs/transport';
import type { BootstrapOperator } from '../admin-api/auth/bootstrap-operator';
import { createAdminServers } from '../admin-api/create-admin-servers';
import { coordinatorLiveness } from '../admin-api/fleet/host-liveness';
import { ensureBootstrapCredentials, type BootstrapCredentials } from '../bootstrap/bootstrap-credentials';
import { TenantApiDispatcher } from '../tenant-api/tenant-api-dispatcher';
import { createBusinessServer } from './business-server';
import { HttpConsoleOutput } from './http-console-output';
import { HttpControlApi } from './http-control-api';
import { HttpImageService } from './http-image-service';

const log = createLogger('business.process');

export interface BusinessProcess {
  readonly url: string;
  readonly adminUrl: string;
  readonly consoleUrl: string;
  readonly credentials: BootstrapCredentials;
  readonly operatorBootstrap: BootstrapOperator;
  stop(): Promise<void>;
}

/**
 * One region's business layer on the real systems: tenant actions (from the API proxy, over
 * HTTP) against control (over HTTP, leader found in ZooKeeper), the image center (over HTTP, found
 * in ZooKeeper) and the catalog in MariaDB; the
 * operators' admin API and console; the bootstrap AccessKey, as the all-in-one makes it.
 */
export async function startBusinessProcess(config: BusinessServiceConfig): Promise<BusinessProcess> {
  const dataDir = resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = await Database.open(config.db, { runMigrations: false });
  const coordinator = await createCoordinator({ kind: 'zookeeper', ...config.zookeeper });
  const cache = createCache(config.redis);
  const catalog = new CatalogRepository(db);
  const accounts = new AccountRepository(db);
  const quotas = new QuotaRepository(db, config.quotaDefaults);
  const credentials = await ensureBootstrapCredentials(accounts, dataDir, config.bootstrapAccessKey);
  const control = await HttpControlApi.start(coordinator, config.internalToken);
  // Tenant calls read the catalog through Redis; the admin API below reads and edits the tables and
  // invalidates this cache (for every replica) after each edit commits.
  const cachedCatalog = new CachedCatalog(catalog, cache, { scope: config.regionId });
  const images = await HttpImageService.start(coordinator, config.internalToken, config.regionId);
  const consoleOutput = await HttpConsoleOutput.start(coordinator, config.internalToken);
  const dispatcher = new TenantApiDispatcher({ control, catalog: cachedCatalog, regionId: config.regionId, images, consoleOutput });
  let ready = false;
  const server: NestFastifyApplication = await createBusinessServer({
    dispatcher,
    token: config.internalToken,
    health: { report: () => ({ status: ready ? 'ok' : 'unavailable', service: 'business', pid: process.pid }) },
  });
  const url = await listenInternal(server, config.server);
  const adminToken = randomBytes(24).toString('base64url');
  const adminServers = await createAdminServers(
    {
      db,
      regionId: config.regionId,
      accounts,
      catalog,
      quotas,
      ledger: new LedgerRepository(db),
      control,
      liveness: coordinatorLiveness(coordinator, SERVICE_GROUPS.hosts),
      cache,
      catalogChanged: () => cachedCatalog.invalidate(),
      operatorToken: adminToken,
      sessionMs: config.console.sessionMs,
      loginAttemptsPerWindow: config.console.loginAttemptsPerWindow,
    },
    { bootstrapOperator: { username: config.console.adminUser, password: config.console.adminPassword } },
  );
  await adminServers.admin.listen(config.admin.port, config.admin.host);
  await adminServers.console.listen(config.console.port, config.console.host);
  const adminUrl = serverUrl(adminServers.admin);
  writeAdminEndpoint(dataDir, { url: adminUrl, token: adminToken });
  const endpoint: BusinessEndpoint = { url, pid: process.pid, regionId: config.regionId };
  const registration = await coordinator.register(SERVICE_GROUPS.business, processMemberId(`business-${config.regionId}`), endpoint);
  ready = true;
  log.info('business layer ready', { regionId: config.regionId, url, adminUrl });
  return {
    url,
    adminUrl,
    consoleUrl: serverUrl(adminServers.console),
    credentials,
    operatorBootstrap: adminServers.bootstrap,
    async stop() {
      ready = false;
      await registration.close();
      await server.close();
      await adminServers.admin.close();
      await adminServers.console.close();
      control.close();
      images.close();
      consoleOutput.close();
      await coordinator.close();
      await cache.close();
      await db.close();
    },
  };
}

