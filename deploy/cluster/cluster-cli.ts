import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '@ecs/config';
import { configureLogging } from '@ecs/observability';
import { clusterFilePath, readClusterFile } from './cluster-file';
import { loadClusterCliConfig, type ClusterCliConfig } from './cluster-config';
import { findRepoRoot, isComponentProcess, stopComponent } from './cluster-processes';
import { clusterStatus } from './cluster-status';
import { LocalCluster } from './local-cluster';
import { ensureInfra } from './local-infra';

const USAGE = 'usage: node scripts/run.js deploy/cluster/cluster-cli.js up|status|down';

function print(value: unknown): void {
  process.stdout.write(typeof value === 'string' ? `${value}\n` : `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * `npm run cluster:up|cluster:status|cluster:down`: the local cluster, every component its own
 * process on the infrastructure of `npm run infra:up`, recorded in `$ECS_DATA_DIR/cluster.json`.
 */
async function main(command: string | undefined): Promise<void> {
  const config = loadClusterCliConfig(process.env);
  const dataDir = resolve(config.ECS_DATA_DIR);
  switch (command) {
    case 'up':
      return up(config, dataDir);
    case 'status':
      return status(config, dataDir);
    case 'down':
      return down(dataDir);
    case undefined:
    default:
      throw new ConfigError([USAGE]);
  }
}

async function up(config: ClusterCliConfig, dataDir: string): Promise<void> {
  const previous = readClusterFile(dataDir);
  if (previous?.processes.some((p) => isComponentProcess(p.pid))) throw new Error(`a cluster is already running for ${dataDir}; run "npm run cluster:down" first`);
  configureLogging({ level: 'info' });
  const started = Date.now();
  const repoRoot = findRepoRoot(__dirname);
  const infra = await ensureInfra(repoRoot);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const cluster = await LocalCluster.start({
    repoRoot,
    dataDir,
    logDir: join(dataDir, 'logs'),
    regionId: config.ECS_REGION_ID,
    controlReplicas: config.ECS_CLUSTER_CONTROL_REPLICAS,
    hosts: config.ECS_CLUSTER_HOSTS,
    hypervisor: config.ECS_HYPERVISOR,
    gatewayPort: config.ECS_GATEWAY_PORT,
    adminPort: config.ECS_ADMIN_PORT,
    consolePort: config.ECS_CONSOLE_PORT,
    bastionPort: config.ECS_BASTION_PORT,
    // New per start: only the processes of this cluster hold it.
    internalToken: randomBytes(32).toString('base64url'),
    zookeeper: { connectString: infra.zookeeper.connectString, root: config.ECS_ZK_ROOT, sessionTimeoutMs: config.ECS_ZK_SESSION_TIMEOUT_MS },
    kafka: { brokers: infra.kafka.brokers, topicPrefix: config.ECS_KAFKA_TOPIC_PREFIX },
    db: { ...infra.mariadb, database: config.ECS_DB_NAME ?? infra.mariadb.database },
    redis: { url: infra.redis.url, keyPrefix: config.ECS_REDIS_KEY_PREFIX },
    env: {},
    detached: true,
    startTimeoutMs: config.ECS_CLUSTER_START_TIMEOUT_SECONDS * 1000,
  });
  print(`ECS platform (local cluster) ready in ${((Date.now() - started) / 1000).toFixed(1)} s: OpenAPI endpoint ${cluster.gatewayUrl}, region ${config.ECS_REGION_ID}`);
  print(`${cluster.specs().length} processes recorded in ${clusterFilePath(dataDir)}; logs in ${join(dataDir, 'logs')}`);
  print(`Ops bastion ${cluster.bastionUrl} (web terminal at /terminal; "npm run bastion -- …" with the same ECS_DATA_DIR)`);
  print(bootstrapKeyLine(dataDir));
}

/** The tenant AccessKey the business layer made or took from ECS_BOOTSTRAP_ACCESS_KEY_*. */
function bootstrapKeyLine(dataDir: string): string {
  const file = join(dataDir, 'bootstrap-access-key.json');
  if (!existsSync(file)) return 'Tenant AccessKey: the one set in ECS_BOOTSTRAP_ACCESS_KEY_ID';
  const { accessKeyId } = JSON.parse(readFileSync(file, 'utf8')) as { accessKeyId: string };
  return `Tenant AccessKey: ${accessKeyId} (its secret is in ${file}, mode 0600)`;
}

async function status(config: ClusterCliConfig, dataDir: string): Promise<void> {
  const cluster = readClusterFile(dataDir);
  if (!cluster) throw new Error(`no cluster recorded in ${clusterFilePath(dataDir)}; run "npm run cluster:up"`);
  configureLogging({ level: 'silent' });
  print(await clusterStatus(cluster, config.ECS_ZK_SESSION_TIMEOUT_MS));
}

async function down(dataDir: string): Promise<void> {
  const cluster = readClusterFile(dataDir);
  if (!cluster) {
    print(`no cluster recorded in ${clusterFilePath(dataDir)}`);
    return;
  }
  // The bastion, agents and the gateway first, control last: nothing is left calling a stopped peer for long.
  // Metaservers go after their agents (no start needs a socket any more); guests keep running.
  const order = ['bastion', 'openapi-gateway', 'api-proxy', 'business', 'host-agent', 'metaserver', 'image-center', 'control'];
  for (const role of order) await Promise.all(cluster.processes.filter((p) => p.role === role).map((p) => stopComponent(p.pid)));
  rmSync(clusterFilePath(dataDir), { force: true });
  print(`stopped ${cluster.processes.length} processes`);
}

main(process.argv[2]).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
