import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deleteKafkaPrefix } from '@ecs/events';
import { configureLogging } from '@ecs/observability';
import { Database } from '@ecs/persistence';
import { zookeeperTestConnection } from '@ecs/testing';
import { LocalCluster, type LocalClusterOptions } from '../../deploy/cluster/local-cluster';
import { dropDatabase, freePort, readInfraEndpoints } from '../../deploy/cluster/local-infra';
import { ZkAdmin } from '../coordination/support/zk-admin';

const REPO_ROOT = resolve(__dirname, '..', '..');

export interface TestClusterOptions {
  readonly hosts?: number;
  /** Another Redis (a private one for FLUSHALL) instead of the shared one under a private key prefix. */
  readonly redisUrl?: string;
  /** Another Kafka (a private broker to restart) instead of the shared one under a private topic prefix. */
  readonly kafkaBrokers?: readonly string[];
  /** Settings for every process, on top of the fast test defaults. */
  readonly env?: Readonly<Record<string, string>>;
}

/** The same face as the all-in-one TestPlatform where the end-to-end tests use it. */
export interface TestCluster {
  readonly gatewayUrl: string;
  readonly credentials: { readonly accessKeyId: string; readonly accessKeySecret: string };
  readonly cluster: LocalCluster;
  readonly dataDir: string;
  readonly zookeeper: { readonly connectString: string; readonly root: string; readonly sessionTimeoutMs: number };
  readonly kafka: { readonly brokers: readonly string[]; readonly topicPrefix: string };
  /** The token the cluster's internal APIs take, for tests that play a peer. */
  readonly internalToken: string;
  /** A connection to the cluster's own database, for assertions on what is durable. */
  openDatabase(): Promise<Database>;
  /** Each process's log, for a failing test's message. */
  logs(): string;
  dispose(): Promise<void>;
}

/** ZooKeeper grants at least 2 ticks (4 s with the local server's 2 s tick); the fault tests wait this long for a takeover. */
export const TEST_SESSION_TIMEOUT_MS = 4_000;

/**
 * A local cluster for one test file: every component its own process (from dist/, so build first)
 * on the shared MariaDB, Redis, Kafka and ZooKeeper of `npm run infra:up`, isolated by its own
 * database, key prefix, topic prefix and znode root, on free loopback ports; all removed by dispose.
 */
export async function startTestCluster(options: TestClusterOptions = {}): Promise<TestCluster> {
  configureLogging({ level: 'silent' });
  if (!existsSync(join(REPO_ROOT, 'dist', 'apps', 'control', 'src', 'main.js'))) throw new Error('the cluster runs the compiled apps: run "npm run build" first');
  const zkConnect = await zookeeperTestConnection();
  const infra = readInfraEndpoints(REPO_ROOT);
  if (!infra) throw new Error('no .infra/endpoints.json: run "npm run infra:up"');
  const id = randomBytes(5).toString('hex');
  const dataDir = mkdtempSync(join(tmpdir(), 'ecs-cluster-'));
  const credentials = { accessKeyId: `LTAI${randomBytes(10).toString('hex')}`, accessKeySecret: randomBytes(20).toString('base64url') };
  const zookeeper = { connectString: zkConnect, root: `/ecs-cluster-test-${id}`, sessionTimeoutMs: TEST_SESSION_TIMEOUT_MS };
  const kafka = { brokers: options.kafkaBrokers ?? infra.kafka.brokers, topicPrefix: `cluster-${id}.` };
  const server = { host: infra.mariadb.host, port: infra.mariadb.port, user: infra.mariadb.user, password: infra.mariadb.password };
  const db = { ...server, database: `ecs_cluster_${id}` };
  const clusterOptions: LocalClusterOptions = {
    repoRoot: REPO_ROOT,
    dataDir,
    logDir: join(dataDir, 'logs'),
    regionId: 'cn-hangzhou',
    controlReplicas: 2,
    hosts: options.hosts ?? 4,
    gatewayPort: await freePort(),
    adminPort: await freePort(),
    consolePort: await freePort(),
    internalToken: randomBytes(32).toString('base64url'),
    zookeeper,
    kafka,
    db,
    redis: { url: options.redisUrl ?? infra.redis.url, keyPrefix: `cluster-${id}:` },
    env: {
      ECS_LOG_LEVEL: 'info',
      ECS_SIM_BOOT_MS: '150',
      ECS_SIM_SHUTDOWN_MS: '100',
      ECS_RESYNC_INTERVAL_MS: '1000',
      ECS_THROTTLE_PER_SECOND: '1000',
      ECS_BOOTSTRAP_ACCESS_KEY_ID: credentials.accessKeyId,
      ECS_BOOTSTRAP_ACCESS_KEY_SECRET: credentials.accessKeySecret,
      ECS_ADMIN_PASSWORD: randomBytes(16).toString('base64url'),
      ...options.env,
    },
    detached: false,
    startTimeoutMs: 60_000,
  };
  // Every step is tried whatever the others do; a killed process's consumer-group membership, for
  // one, lingers in Kafka until it times out, so its groups may not be deletable yet.
  const cleanUp = async () => {
    const steps = await Promise.allSettled([
      dropDatabase(server, db.database),
      deleteKafkaPrefix(kafka.brokers, kafka.topicPrefix).catch(() => undefined),
      (async () => {
        const zk = await ZkAdmin.connect(zkConnect);
        try {
          await zk.removeTree(zookeeper.root);
        } finally {
          zk.close();
        }
      })(),
    ]);
    rmSync(dataDir, { recursive: true, force: true });
    const failed = steps.find((step): step is PromiseRejectedResult => step.status === 'rejected');
    if (failed) throw failed.reason;
  };
  let cluster: LocalCluster;
  try {
    cluster = await LocalCluster.start(clusterOptions);
  } catch (error) {
    const logs = collectLogs(clusterOptions.logDir);
    await cleanUp();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${logs}`);
  }
  return {
    gatewayUrl: cluster.gatewayUrl,
    credentials,
    cluster,
    dataDir,
    zookeeper,
    kafka,
    internalToken: clusterOptions.internalToken,
    openDatabase: () => Database.open({ kind: 'mysql', ...db, poolSize: 2 }, { runMigrations: false }),
    logs: () => collectLogs(clusterOptions.logDir),
    dispose: async () => {
      await cluster.stop();
      await cleanUp();
    },
  };
}

/** The warnings and errors of every process, newest last: enough to see why a fault test failed. */
function collectLogs(logDir: string, linesPerProcess = 40): string {
  if (!existsSync(logDir)) return '';
  return readdirSync(logDir)
    .map((file) => {
      const lines = readFileSync(join(logDir, file), 'utf8')
        .split('\n')
        .filter((line) => !line.startsWith('{') || /"level":"(warn|error)"/.test(line));
      return `--- ${file}\n${lines.slice(-linesPerProcess).join('\n')}`;
    })
    .join('\n');
}
