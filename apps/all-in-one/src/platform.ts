import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CachedCatalog, MemoryCache } from '@ecs/cache';
import { writeAdminEndpoint, type PlatformConfig } from '@ecs/config';
import { InProcessCoordinator } from '@ecs/coordination';
import { InProcessEventBus } from '@ecs/events';
import { createLogger } from '@ecs/observability';
import { AccountRepository, CatalogRepository, Database, defaultCatalogSeed, LedgerRepository, QuotaRepository } from '@ecs/persistence';
import { defaultSchedulerConfig } from '@ecs/scheduler';
import { RegionRouter } from '../../api-proxy/src';
import { TenantApiDispatcher } from '../../business/src';
import type { BootstrapOperator } from '../../business/src/admin-api/auth/bootstrap-operator';
import { createAdminServers } from '../../business/src/admin-api/create-admin-servers';
import { coordinatorLiveness } from '../../business/src/admin-api/fleet/host-liveness';
import { createControlPlane, type ControlPlane } from '../../control/src';
import { createGatewayApp } from '../../openapi-gateway/src';
import { HOSTS_GROUP } from '../../host-agent/src';
import { OpsShell } from '../../host-agent/src';
import { opsAgentKey, startBastion } from '../../bastion/src';
import { startImageCenter, type ImageCenter } from '../../image-center/src';
import { startMetaServerHost } from '../../metaserver/src';
import { ensureBootstrapCredentials, type BootstrapCredentials } from '../../business/src/bootstrap/bootstrap-credentials';
import type { FleetHypervisor } from './host-machines';
import { LocalFleet } from './local-fleet';
import { registerSystemImages } from './system-images';

const log = createLogger('all-in-one');

const SYSTEM_DISK_GIB = 40;
const HOST_DISK_GIB = 4096;
const BODY_LIMIT_BYTES = 1024 * 1024;

export interface Platform {
  readonly gatewayUrl: string;
  readonly adminUrl: string;
  /** The operators' web console (ECS_CONSOLE_PORT). */
  readonly consoleUrl: string;
  /** The first console operator; its generated password is set only on the start that created it. */
  readonly operatorBootstrap: BootstrapOperator;
  /** The ops bastion (ECS_BASTION_PORT): operators' audited terminals to the hosts; web terminal at /terminal. */
  readonly bastionUrl: string;
  readonly credentials: BootstrapCredentials;
  readonly control: ControlPlane;
  readonly fleet: LocalFleet;
  /** The image center (catalog, blob store, CreateImage jobs). */
  readonly images: ImageCenter;
  readonly db: Database;
  readonly accounts: AccountRepository;
  stop(): Promise<void>;
}

/**
 * Every component in one process on embedded adapters: SQLite, in-memory cache, in-process event
 * bus and coordinator, local hosts (simulated, or real QEMU guests). The request still travels
 * gateway → api-proxy → business → control → host agent, and back as VM-state events; the image
 * center and one metaserver serve the hosts and their guests.
 */
export async function startPlatform(config: PlatformConfig): Promise<Platform> {
  const dataDir = resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = await Database.open({ kind: 'sqlite', file: join(dataDir, 'ecs.sqlite') });
  const catalog = new CatalogRepository(db);
  await catalog.seed(defaultCatalogSeed(config.regionId));
  const accounts = new AccountRepository(db);
  const credentials = await ensureBootstrapCredentials(accounts, dataDir, config.bootstrapAccessKey);

  const events = new InProcessEventBus();
  const coordinator = new InProcessCoordinator();
  const cache = new MemoryCache({ keyPrefix: 'ecs:' });
  const ledger = new LedgerRepository(db);
  const quotas = new QuotaRepository(db, config.quotaDefaults);

  // Control and the fleet need each other: control dispatches to agents, agents pull desired state from control.
  const fleetRef: { current?: LocalFleet } = {};
  const control = createControlPlane({
    db,
    catalog,
    events,
    coordinator,
    hostAgents: { clientFor: (hostId) => fleetRef.current?.clientFor(hostId) },
    quotas,
    scheduler: defaultSchedulerConfig,
    candidateId: 'control-all-in-one',
    taskDeadlineMs: config.taskDeadlineMs,
    defaultSystemDiskGiB: SYSTEM_DISK_GIB,
  });
  await control.start();
  const zoneIds = (await catalog.zones(config.regionId)).map((z) => z.zoneId);
  // CreateImage reaches the fleet only once the platform serves requests, by which time it exists.
  const diskExporter = control.diskExporter({ exportDisk: (hostId, instanceId) => fleetOrFail(fleetRef).exportDisk(hostId, instanceId) });
  const images = await startImageCenter({ db, dataDir, regionIds: [config.regionId], exporter: diskExporter, config: config.images });
  const metaserver = await startMetaServerHost({ dataDir, config: config.metaserver, source: control.instanceMetadata });
  await registerSystemImages(images.imageCenter, config.regionId, config.systemImageManifests, log);
  const fleet = new LocalFleet(
    {
      hosts: config.sim.hosts,
      zoneIds,
      hostVcpus: config.sim.hostVcpus,
      hostMemoryMiB: config.sim.hostMemoryMiB,
      hostDiskGiB: HOST_DISK_GIB,
      resyncIntervalMs: config.resyncIntervalMs,
      hypervisor: fleetHypervisor(config, dataDir),
      imageCacheDir: config.images.cacheDir ?? join(dataDir, 'image-cache'),
    },
    { events, coordinator, desiredState: control.desiredState, ledger, imageBlobs: images, metadata: metaserver.metaServer },
  );
  fleetRef.current = fleet;
  await fleet.start();
  // Each host's ops shell, reached in-process by the bastion with the key both sides share.
  const opsKey = opsAgentKey(config.bastion.agentKey);
  const opsShells = new Map(fleet.hosts.map((h) => [h.registration.hostId, new OpsShell({ facts: h.registration, driver: h.driver, key: opsKey })]));
  const bastion = await startBastion({ db, dataDir, agentKey: opsKey, config: config.bastion, shells: { shellFor: (hostId) => opsShells.get(hostId) } });

  // Tenant calls read the catalog through the in-process cache; each admin catalog edit invalidates it once committed.
  const tenantCatalog = new CachedCatalog(catalog, cache, { scope: config.regionId });
  const business = new TenantApiDispatcher({ control: control.api, catalog: tenantCatalog, regionId: config.regionId, images: images.imageCenter.service, consoleOutput: control.consoleReader(fleet) });
  const router = new RegionRouter({ regions: new Map([[config.regionId, business]]) });
  let ready = false;
  const gateway: NestFastifyApplication = await createGatewayApp({
    dispatcher: router,
    credentials: accounts,
    cache,
    readiness: { isReady: () => ready },
    config: {
      timestampWindowMs: config.gateway.timestampWindowMs,
      throttlePerSecond: config.gateway.throttlePerSecond,
      bodyLimitBytes: BODY_LIMIT_BYTES,
      hostId: `ecs.${config.regionId}.aliyuncs.com`,
    },
  });
  await gateway.listen(config.gateway.port, config.gateway.host);
  const adminToken = randomBytes(24).toString('base64url');
  const adminServers = await createAdminServers(
    {
      db,
      regionId: config.regionId,
      accounts,
      catalog,
      quotas,
      ledger,
      control: control.api,
      liveness: coordinatorLiveness(coordinator, HOSTS_GROUP),
      cache,
      catalogChanged: () => tenantCatalog.invalidate(),
      operatorToken: adminToken,
      sessionMs: config.console.sessionMs,
      loginAttemptsPerWindow: config.console.loginAttemptsPerWindow,
      terminalUrl: `${bastion.url}/terminal`,
    },
    { bootstrapOperator: { username: config.console.adminUser, password: config.console.adminPassword } },
  );
  const { admin } = adminServers;
  await admin.listen(config.admin.port, '127.0.0.1');
  await adminServers.console.listen(config.console.port, config.console.host);

  const gatewayUrl = urlOf(gateway);
  const adminUrl = urlOf(admin);
  const consoleUrl = urlOf(adminServers.console);
  writeAdminEndpoint(dataDir, { url: adminUrl, token: adminToken });
  ready = true;
  log.info('platform ready', { gatewayUrl, adminUrl, consoleUrl, hosts: config.sim.hosts, hypervisor: config.hypervisor.kind, zones: zoneIds });

  return {
    gatewayUrl,
    bastionUrl: bastion.url,
    adminUrl,
    consoleUrl,
    operatorBootstrap: adminServers.bootstrap,
    credentials,
    control,
    fleet,
    images: images.imageCenter,
    db,
    accounts,
    async stop() {
      ready = false;
      await bastion.close();
      await gateway.close();
      await admin.close();
      await adminServers.console.close();
      await fleet.stop();
      await metaserver.close();
      await images.imageCenter.close();
      await control.stop();
      await events.close();
      await coordinator.close();
      await cache.close();
      await db.close();
    },
  };
}

function fleetHypervisor(config: PlatformConfig, dataDir: string): FleetHypervisor {
  switch (config.hypervisor.kind) {
    case 'sim':
      return { kind: 'sim', bootMs: config.sim.bootMs, shutdownMs: config.sim.shutdownMs };
    case 'qemu':
      return { kind: 'qemu', stateDir: resolve(config.hypervisor.qemu.stateDir ?? join(dataDir, 'qemu')), accel: config.hypervisor.qemu.accel };
  }
}

function fleetOrFail(ref: { current?: LocalFleet }): LocalFleet {
  if (!ref.current) throw new Error('the hosts are not up yet');
  return ref.current;
}

function urlOf(app: NestFastifyApplication): string {
  const address = app.getHttpServer().address();
  if (address === null || typeof address === 'string') throw new Error('server is not listening on TCP');
  const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}
