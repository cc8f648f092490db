import { randomBytes } from 'node:crypto';
import type { VmStateEvent } from '@ecs/contracts';
import { InstanceStatusCache, RedisCache } from '@ecs/cache';
import { InProcessCoordinator } from '@ecs/coordination';
import { KafkaEventBus } from '@ecs/events';
import { Database, InboxRepository, InstanceEntity, InstanceRepository, LedgerRepository, OutboxRepository, TaskRepository } from '@ecs/persistence';
import { Redis } from 'ioredis';
import { createConnection } from 'mysql2/promise';
import { FleetView } from '../../apps/control/src/fleet/fleet-view';
import { InstanceLifecycle } from '../../apps/control/src/instances/instance-lifecycle';
import { InstanceViewCache } from '../../apps/control/src/status-cache/instance-view-cache';
import { VmStateConsumer } from '../../apps/control/src/vm-state/vm-state-consumer';
import type { BenchEndpoints } from './local-endpoints';

const HOSTS = 16;

export function hostOf(index: number): string {
  return `h-bench-${index % HOSTS}`;
}

function instanceRow(instanceId: string, index: number): InstanceEntity {
  const fields: InstanceEntity = {
    instanceId, accountId: 'bench', regionId: 'cn-hangzhou', zoneId: 'cn-hangzhou-a', hostId: hostOf(index), instanceType: 'ecs.g7.large',
    instanceTypeFamily: 'ecs.g7', vcpus: 2, memoryMiB: 8192, diskGiB: 40, imageId: 'bench-image', osName: 'Alibaba Cloud Linux 3', osType: 'linux', instanceName: instanceId, hostName: instanceId,
    description: '', userData: null, status: 'Starting', power: 'on', powerGeneration: 1, version: 1,
    privateIp: `172.16.${Math.floor(index / 250)}.${(index % 250) + 2}`, mac: `00:16:3e:00:${(index >> 8).toString(16).padStart(2, '0')}:${(index & 255).toString(16).padStart(2, '0')}`,
    vpcId: 'vpc-bench', vSwitchId: 'vsw-bench', securityGroupIds: [], deploymentSetId: null, stoppedMode: 'Not-applicable',
    latestOperation: 'RunInstances', latestOperationState: 'Processing', latestOperationError: null, latestOperationMessage: null,
    lastEventSeq: 0, createdAt: Date.now(), startedAt: null, deletedAt: null,
  };
  return Object.assign(new InstanceEntity(), fields);
}

/** Control's status-cache TTL (ECS_STATUS_CACHE_TTL_SECONDS' default). */
const VIEW_TTL_MS = 30_000;

export interface PipelineOptions {
  /**
   * Also write every touched instance's hot status (status, seq) to Redis after each batch, one
   * pipeline per batch (InstanceStatusCache): more than control deploys, for comparison.
   */
  readonly hotStatus: boolean;
}

/**
 * The platform's VM-state path as deployed: a host agent's KafkaEventBus publishes, control's own
 * VmStateConsumer (started as control starts it: its consumer group, batch subscription and inbox
 * pruning) applies the reports to MariaDB a fetched run per transaction (inbox, seq check, CAS),
 * and then Redis gets what control's deployment writes for them: the cached views of instances
 * whose status changed are invalidated (docs/decisions/0083; control does it from the lifecycle
 * events the outbox relays, here right after the batch). Runs on a database and key prefix of its
 * own, both removed by `dispose`.
 */
export class PlatformPipeline {
  /** Called with each event once it is applied (database and cache written). */
  onApplied: (event: VmStateEvent) => void = () => undefined;

  private consumer: VmStateConsumer | undefined;

  private constructor(
    private readonly endpoints: BenchEndpoints,
    private readonly database: string,
    readonly db: Database,
    readonly agent: KafkaEventBus,
    private readonly control: KafkaEventBus,
    private readonly redis: RedisCache,
    private readonly keyPrefix: string,
    private readonly options: PipelineOptions,
  ) {}

  static async open(endpoints: BenchEndpoints, topicPrefix: string, options: PipelineOptions): Promise<PlatformPipeline> {
    const database = `ecs_bench_${randomBytes(6).toString('hex')}`;
    const server = { host: endpoints.mariadb.host, port: endpoints.mariadb.port, user: endpoints.mariadb.user, password: endpoints.mariadb.password };
    const admin = await createConnection(server);
    await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4`);
    await admin.end();
    const db = await Database.open({ kind: 'mysql', ...server, database, poolSize: 12 });
    const brokers = endpoints.kafka.brokers;
    const keyPrefix = `ecs-bench:${randomBytes(6).toString('hex')}:`;
    return new PlatformPipeline(
      endpoints,
      database,
      db,
      new KafkaEventBus({ brokers, clientId: 'bench-host-agent', topicPrefix }),
      new KafkaEventBus({ brokers, clientId: 'bench-control', topicPrefix }),
      new RedisCache({ url: endpoints.redis.url, keyPrefix }),
      keyPrefix,
      options,
    );
  }

  async seed(instanceIds: readonly string[]): Promise<void> {
    const instances = new InstanceRepository(this.db);
    await this.db.transaction(async (tx) => {
      for (const [index, id] of instanceIds.entries()) await instances.insert(tx, instanceRow(id, index), []);
    });
  }

  async start(): Promise<void> {
    const instances = new InstanceRepository(this.db);
    const ledger = new LedgerRepository(this.db);
    const tasks = new TaskRepository(this.db);
    const lifecycle = new InstanceLifecycle(instances, tasks, new OutboxRepository(this.db), 60_000);
    this.consumer = new VmStateConsumer(this.db, this.control, instances, new InboxRepository(), ledger, tasks, lifecycle, new FleetView(ledger, new InProcessCoordinator(), 60_000));
    const views = new InstanceViewCache(this.redis, VIEW_TTL_MS);
    const statuses = new InstanceStatusCache(this.redis, { ttlMs: 10 * 60_000 });
    await this.consumer.start(async (events, outcome) => {
      await views.invalidate(outcome.changed);
      if (this.options.hotStatus) {
        const updatedAt = Date.now();
        await statuses.setMany(new Map([...outcome.latest].map(([id, { status, seq }]) => [id, { status, seq, updatedAt }])));
      }
      for (const event of events) this.onApplied(event);
    });
    await this.agent.start();
  }

  /** How many instances carry `expected(index)` as their last applied seq: every one, when no report was lost. */
  async countCaughtUp(instanceIds: readonly string[], expected: (index: number) => number): Promise<number> {
    const rows = await this.db.read((m) => m.query<{ instance_id: string; last_event_seq: string | number }[]>('SELECT instance_id, last_event_seq FROM instances'));
    const seqById = new Map(rows.map((r) => [r.instance_id, Number(r.last_event_seq)]));
    return instanceIds.filter((id, index) => seqById.get(id) === expected(index)).length;
  }

  async dispose(): Promise<void> {
    await this.consumer?.stop();
    await Promise.allSettled([this.agent.close(), this.control.close()]);
    await this.clearKeys();
    await this.redis.close();
    await this.db.close();
    const admin = await createConnection({ host: this.endpoints.mariadb.host, port: this.endpoints.mariadb.port, user: this.endpoints.mariadb.user, password: this.endpoints.mariadb.password });
    await admin.query(`DROP DATABASE IF EXISTS \`${this.database}\``);
    await admin.end();
  }

  private async clearKeys(): Promise<void> {
    const client = new Redis(this.endpoints.redis.url);
    try {
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', `${this.keyPrefix}*`, 'COUNT', 1_000);
        if (keys.length > 0) await client.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      await client.quit();
    }
  }
}
