import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createLogger } from '@ecs/observability';
import { Database, LedgerRepository } from '@ecs/persistence';
import { writeClusterFile, type ClusterFile } from './cluster-file';
import { planCluster, type ProcessSpec } from './cluster-plan';
import { logFile, runComponentCommand, spawnComponent, stopComponent, waitHealthy, type ClusterRuntime } from './cluster-processes';
import { createDatabase, freePort, type MariaDbServer } from './local-infra';

const log = createLogger('cluster');

export interface LocalClusterOptions {
  readonly repoRoot: string;
  readonly dataDir: string;
  readonly logDir: string;
  readonly regionId: string;
  readonly controlReplicas: number;
  readonly hosts: number;
  /** What the host agents run guests on; `ECS_HYPERVISOR` in `env` when unset, else sim. */
  readonly hypervisor?: 'sim' | 'qemu';
  readonly gatewayPort: number;
  readonly adminPort: number;
  readonly consolePort: number;
  /** The bastion's operator port; a free one when unset. */
  readonly bastionPort?: number;
  readonly internalToken: string;
  readonly zookeeper: { readonly connectString: string; readonly root: string; readonly sessionTimeoutMs: number };
  readonly kafka: { readonly brokers: readonly string[]; readonly topicPrefix: string };
  readonly db: MariaDbServer & { readonly database: string };
  readonly redis: { readonly url: string; readonly keyPrefix: string };
  /** More settings for every process (boot times, resync period, bootstrap AccessKey …). */
  readonly env: Readonly<Record<string, string>>;
  readonly detached: boolean;
  readonly startTimeoutMs: number;
}

interface Running {
  readonly spec: ProcessSpec;
  child: ChildProcess;
}

/**
 * A local cluster: every component its own process on loopback against the real MariaDB, Redis,
 * Kafka and ZooKeeper. `start` migrates, starts everything, waits until each process is healthy and
 * every host is enrolled, and records the processes in `<dataDir>/cluster.json`. Tests also use it
 * to kill, pause and restart single processes.
 */
export class LocalCluster {
  private readonly running = new Map<string, Running>();

  private constructor(
    readonly options: LocalClusterOptions,
    private readonly runtime: ClusterRuntime,
  ) {}

  static async start(options: LocalClusterOptions): Promise<LocalCluster> {
    const runtime: ClusterRuntime = { repoRoot: options.repoRoot, logDir: options.logDir, sharedEnv: sharedEnv(options), detached: options.detached };
    const cluster = new LocalCluster(options, runtime);
    const started = Date.now();
    await createDatabase(options.db, options.db.database);
    await runComponentCommand(runtime, 'control', 'migrate', ['migrate']);
    const specs = await planCluster({
      regionId: options.regionId,
      controlReplicas: options.controlReplicas,
      hosts: options.hosts,
      hypervisor: hypervisorOf(options),
      ports: freePort,
      gatewayPort: options.gatewayPort,
      bastionPort: options.bastionPort,
    });
    try {
      for (const spec of specs) cluster.running.set(spec.name, { spec, child: spawnComponent(runtime, spec) });
      cluster.record();
      await Promise.all([...cluster.running.values()].map((r) => waitHealthy(r.spec, r.child, options.startTimeoutMs, logFile(runtime, r.spec.name))));
      await cluster.hostsEnrolled(options.startTimeoutMs);
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    log.info('cluster up', { ms: Date.now() - started, processes: specs.length, gatewayUrl: cluster.gatewayUrl });
    return cluster;
  }

  get gatewayUrl(): string {
    return `http://127.0.0.1:${this.options.gatewayPort}`;
  }

  /** The ops bastion's operator endpoint (API, web terminal); `bastion.json` in the data dir says the same. */
  get bastionUrl(): string {
    return `http://127.0.0.1:${this.get('bastion').spec.env.ECS_BASTION_PORT ?? ''}`;
  }

  specs(): ProcessSpec[] {
    return [...this.running.values()].map((r) => r.spec);
  }

  pidOf(name: string): number {
    const pid = this.get(name).child.pid;
    if (pid === undefined) throw new Error(`${name} has no pid`);
    return pid;
  }

  /** Sends a signal to one process (SIGKILL, SIGSTOP, SIGCONT …). */
  signal(name: string, signal: NodeJS.Signals): void {
    process.kill(this.pidOf(name), signal);
  }

  /** Resolves once the process has exited (after a kill). */
  exited(name: string): Promise<void> {
    const { child } = this.get(name);
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => child.once('exit', () => resolve()));
  }

  /** Starts a process again with its old identity and port, and waits until it is healthy. */
  async restart(name: string): Promise<void> {
    const entry = this.get(name);
    entry.child = spawnComponent(this.runtime, entry.spec);
    this.record();
    await waitHealthy(entry.spec, entry.child, this.options.startTimeoutMs, logFile(this.runtime, name));
  }

  /** Stops every process: SIGTERM, then SIGKILL after a grace period; a paused one is resumed first. */
  async stop(): Promise<void> {
    await Promise.all(
      [...this.running.values()].map(async ({ child }) => {
        if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
        resume(child.pid);
        await stopComponent(child.pid);
      }),
    );
  }

  private get(name: string): Running {
    const entry = this.running.get(name);
    if (!entry) throw new Error(`no process ${name} in this cluster`);
    return entry;
  }

  private record(): void {
    const file: ClusterFile = {
      startedAt: new Date().toISOString(),
      regionId: this.options.regionId,
      gatewayUrl: this.gatewayUrl,
      adminUrl: `http://127.0.0.1:${this.options.adminPort}`,
      consoleUrl: `http://127.0.0.1:${this.options.consolePort}`,
      bastionUrl: this.bastionUrl,
      zookeeper: { connectString: this.options.zookeeper.connectString, root: this.options.zookeeper.root },
      processes: [...this.running.values()].map(({ spec, child }) => ({
        name: spec.name,
        role: spec.role,
        pid: child.pid ?? 0,
        port: spec.port,
        log: logFile(this.runtime, spec.name),
        ...(spec.hostId ? { hostId: spec.hostId } : {}),
      })),
    };
    writeClusterFile(this.options.dataDir, file);
  }

  /** The leader puts registered hosts into the ledger; until then a launch would find no capacity. */
  private async hostsEnrolled(timeoutMs: number): Promise<void> {
    const wanted = this.specs().flatMap((s) => (s.role === 'host-agent' && s.hostId ? [s.hostId] : []));
    const db = await Database.open({ kind: 'mysql', ...this.options.db, poolSize: 1 }, { runMigrations: false });
    try {
      const ledger = new LedgerRepository(db);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const enrolled = new Set((await ledger.hosts()).map((h) => h.hostId));
        if (wanted.every((id) => enrolled.has(id))) return;
        if (Date.now() > deadline) throw new Error(`hosts not enrolled after ${timeoutMs} ms: ${wanted.filter((id) => !enrolled.has(id)).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await db.close();
    }
  }
}

/** A paused process cannot handle SIGTERM; one that just exited needs nothing. */
function resume(pid: number): void {
  try {
    process.kill(pid, 'SIGCONT');
  } catch {
    // Already gone.
  }
}

function hypervisorOf(options: LocalClusterOptions): 'sim' | 'qemu' {
  return options.hypervisor ?? (options.env.ECS_HYPERVISOR === 'qemu' ? 'qemu' : 'sim');
}

function sharedEnv(options: LocalClusterOptions): Record<string, string> {
  return {
    ...options.env,
    ECS_HYPERVISOR: hypervisorOf(options),
    ECS_REGION_ID: options.regionId,
    ECS_DATA_DIR: options.dataDir,
    ECS_INTERNAL_TOKEN: options.internalToken,
    // The bastion signs ops session opens with it and every agent checks them; new per start, like the token.
    ECS_BASTION_AGENT_KEY: options.env.ECS_BASTION_AGENT_KEY ?? randomBytes(32).toString('base64url'),
    ECS_INTERNAL_HOST: '127.0.0.1',
    ECS_GATEWAY_HOST: '127.0.0.1',
    ECS_ADMIN_PORT: String(options.adminPort),
    ECS_CONSOLE_PORT: String(options.consolePort),
    ECS_ZK_CONNECT: options.zookeeper.connectString,
    ECS_ZK_ROOT: options.zookeeper.root,
    ECS_ZK_SESSION_TIMEOUT_MS: String(options.zookeeper.sessionTimeoutMs),
    ECS_KAFKA_BROKERS: options.kafka.brokers.join(','),
    ECS_KAFKA_TOPIC_PREFIX: options.kafka.topicPrefix,
    ECS_DB_HOST: options.db.host,
    ECS_DB_PORT: String(options.db.port),
    ECS_DB_USER: options.db.user,
    ECS_DB_PASSWORD: options.db.password,
    ECS_DB_NAME: options.db.database,
    ECS_REDIS_URL: options.redis.url,
    ECS_REDIS_KEY_PREFIX: options.redis.keyPrefix,
  };
}
