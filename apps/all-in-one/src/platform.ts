import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MemoryCache } from '@ecs/cache';
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
import { ensureBootstrapCredentials, type BootstrapCredentials } from './bootstrap-credentials';
import { SimFleet } from './sim-fleet';

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
  readonly fleet: SimFleet;
  readonly db: Database;
  readonly accounts: AccountRepository;
  stop(): Promise<void>;
}

/**
 * Every component in one process on embedded adapters: SQLite, in-memory cache, in-process event
 * bus and coordinator, simulated hosts. The request still travels gateway → api-proxy → business
 * → control → host agent, and back as VM-state events.
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
  const fleetRef: { current?: SimFleet } = {};
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
  const fleet = new SimFleet(
    {
      hosts: config.sim.hosts,
      zoneIds,
      hostVcpus: config.sim.hostVcpus,
      hostMemoryMiB: config.sim.hostMemoryMiB,
      hostDiskGiB: HOST_DISK_GIB,
      bootMs: config.sim.bootMs,
      shutdownMs: config.sim.shutdownMs,
      resyncIntervalMs: config.resyncIntervalMs,
    },
    { events, coordinator, desiredState: control.desiredState, ledger },
  );
  fleetRef.current = fleet;
  await fleet.start();
  // Each sim host's ops shell, reached in-process by the bastion with the key both sides share.
  const opsKey = opsAgentKey(config.bastion.agentKey);
  const opsShells = new Map(fleet.hosts.map((h) => [h.registration.hostId, new OpsShell({ facts: h.registration, driver: h.driver, key: opsKey })]));
  const bastion = await startBastion({ db, dataDir, agentKey: opsKey, config: config.bastion, shells: { shellFor: (hostId) => opsShells.get(hostId) } });

  const business = new TenantApiDispatcher({ control: control.api, catalog, regionId: config.regionId });
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
  log.info('platform ready', { gatewayUrl, adminUrl, consoleUrl, hosts: config.sim.hosts, zones: zoneIds });

  return {
    gatewayUrl,
    bastionUrl: bastion.url,
    adminUrl,
    consoleUrl,
    operatorBootstrap: adminServers.bootstrap,
    credentials,
    control,
    fleet,
    db,
    accounts,
    async stop() {
      ready = false;
      await bastion.close();
      await gateway.close();
      await admin.close();
      await adminServers.console.close();
      await fleet.stop();
      await control.stop();
      await events.close();
      await coordinator.close();
      await cache.close();
      await db.close();
    },
  };
}

function urlOf(app: NestFastifyApplication): string {
  const address = app.getHttpServer().address();
  if (address === null || typeof address === 'string') throw new Error('server is not listening on TCP');
  const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}
