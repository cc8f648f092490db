import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CachedClientTokens, createCache } from '@ecs/cache';
import type { ControlServiceConfig } from '@ecs/config';
import { SERVICE_GROUPS, type ControlEndpoint, type DesiredStateSource } from '@ecs/contracts';
import { createCoordinator, type Registration } from '@ecs/coordination';
import { createEventBus } from '@ecs/events';
import { createLogger } from '@ecs/observability';
import { CatalogRepository, ControlFenceRepository, Database, InstanceRepository, LedgerRepository, OutboxRepository, QuotaRepository, StalledLaunchRepository, TaskRepository } from '@ecs/persistence';
import { defaultSchedulerConfig } from '@ecs/scheduler';
import { listenInternal } from '@ecs/transport';
import { createControlPlane, type ControlPlane } from '../control-plane';
import { fenceDatabase } from '../fencing/fenced-database';
import { LeaderGate } from '../fencing/leader-gate';
import { InstanceLifecycle } from '../instances/instance-lifecycle';
import { HostEnrollment } from '../leadership/host-enrollment';
import { LaunchRecovery } from '../leadership/launch-recovery';
import { CachedControlApi } from '../status-cache/cached-control-api';
import { InstanceViewCache } from '../status-cache/instance-view-cache';
import { LifecycleInvalidator } from '../status-cache/lifecycle-invalidator';
import { createControlServer } from './control-server';
import { HttpHostAgents } from './http-host-agents';
import { InstanceHostAccess } from './instance-host-access';
import { LeaderRoutedControlApi } from './leader-routed-control-api';

const log = createLogger('control.process');
const SYSTEM_DISK_GIB = 40;
const RECOVERY_INTERVAL_MS = 2_000;

export interface ControlProcess {
  readonly url: string;
  readonly control: ControlPlane;
  stop(): Promise<void>;
}

/**
 * One control replica on the real systems: MariaDB (fenced for leader-only work), Redis (status
 * cache), Kafka (VM-state in, lifecycle events out through the outbox), ZooKeeper (election, host
 * registry, its own announcement). Every replica campaigns; the leader acts, the others answer
 * reads and refuse leader-only work with a retryable NotLeader.
 */
export async function startControlProcess(config: ControlServiceConfig, candidateId: string): Promise<ControlProcess> {
  const db = await Database.open(config.db, { runMigrations: false });
  const fenced = fenceDatabase(db, new ControlFenceRepository(db));
  const coordinator = await createCoordinator({ kind: 'zookeeper', ...config.zookeeper });
  const events = createEventBus({ kind: 'kafka', brokers: config.kafka.brokers, clientId: `ecs-control-${candidateId}`, topicPrefix: config.kafka.topicPrefix });
  const cache = createCache(config.redis);
  const hostAgents = await HttpHostAgents.start(coordinator, config.internalToken);
  const control = createControlPlane({
    db: fenced,
    catalog: new CatalogRepository(fenced),
    events,
    coordinator,
    hostAgents,
    quotas: new QuotaRepository(fenced, config.quotaDefaults),
    scheduler: defaultSchedulerConfig,
    candidateId,
    taskDeadlineMs: config.taskDeadlineMs,
    defaultSystemDiskGiB: SYSTEM_DISK_GIB,
    // Replays of completed launches are answered here without a database round trip.
    clientTokenCache: new CachedClientTokens(cache),
  });
  const ledger = new LedgerRepository(fenced);
  const enrollment = new HostEnrollment(ledger, control.leadership);
  const lifecycle = new InstanceLifecycle(new InstanceRepository(fenced), new TaskRepository(fenced), new OutboxRepository(fenced), config.taskDeadlineMs);
  // A launch not powered up within a task deadline was abandoned by a dead leader.
  const recovery = new LaunchRecovery(fenced, new StalledLaunchRepository(fenced), ledger, lifecycle, config.taskDeadlineMs, RECOVERY_INTERVAL_MS);
  recovery.attach(control.leadership);
  const viewCache = new InstanceViewCache(cache, config.statusCacheTtlMs);
  const invalidator = new LifecycleInvalidator(events, viewCache);
  const gate = new LeaderGate(control.leadership);
  const desiredState: DesiredStateSource = { desiredDomains: (hostId) => gate.run(() => control.desiredState.desiredDomains(hostId)) };
  let ready = false;
  const server: NestFastifyApplication = await createControlServer({
    api: new CachedControlApi(new LeaderRoutedControlApi(control.api, gate), viewCache),
    desiredState,
    hostAccess: new InstanceHostAccess(control.instanceMetadata, control.consoleReader(hostAgents), control.diskExporter(hostAgents)),
    token: config.internalToken,
    health: {
      report: () => {
        const leading = control.leadership.isLeader();
        return { status: ready ? 'ok' : 'unavailable', service: 'control', pid: process.pid, leading, ...(leading ? { epoch: control.leadership.epoch() } : {}) };
      },
    },
  });
  const url = await listenInternal(server, config.server);
  const endpoint = (leading: boolean): ControlEndpoint => ({ url, pid: process.pid, candidateId, leading, epoch: leading ? control.leadership.epoch() : undefined });
  const registration: Registration = await coordinator.register(SERVICE_GROUPS.control, candidateId, endpoint(false));
  let stopping = false;
  control.leadership.onChange((leading) => {
    if (stopping) return;
    registration.update(endpoint(leading && control.leadership.isLeader())).catch((error: unknown) => log.warn('could not announce the leadership change', { error }));
  });
  await invalidator.start();
  await enrollment.start(coordinator);
  await control.start();
  ready = true;
  log.info('control replica ready', { candidateId, url });
  return {
    url,
    control,
    async stop() {
      ready = false;
      stopping = true;
      await server.close();
      await registration.close();
      enrollment.stop();
      recovery.stop();
      await invalidator.stop();
      await control.stop();
      hostAgents.close();
      await events.close();
      await coordinator.close();
      await cache.close();
      await db.close();
    },
  };
}
