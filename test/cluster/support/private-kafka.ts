import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { freePort } from '../../../deploy/cluster/local-infra';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const KAFKA_LIBS = join(REPO_ROOT, '.infra', 'kafka', 'libs');

/**
 * A single-node KRaft broker of this test's own (the jars `npm run infra:up` fetched), so it can be
 * killed and restarted mid-run without disturbing anyone sharing the local broker.
 */
export class PrivateKafka {
  private broker: ChildProcess | undefined;

  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  get brokers(): string[] {
    return [`127.0.0.1:${this.port}`];
  }

  static async start(): Promise<PrivateKafka> {
    if (!existsSync(KAFKA_LIBS)) throw new Error('no Kafka jars in .infra/kafka/libs: run "npm run infra:up" first');
    const dir = mkdtempSync(join(tmpdir(), 'ecs-kafka-'));
    const port = await freePort();
    const controllerPort = await freePort();
    writeFileSync(
      join(dir, 'server.properties'),
      [
        'process.roles=broker,controller',
        'node.id=1',
        `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
        `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
        `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
        'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
        'controller.listener.names=CONTROLLER',
        'inter.broker.listener.name=PLAINTEXT',
        `log.dirs=${join(dir, 'data')}`,
        'auto.create.topics.enable=false',
        'offsets.topic.replication.factor=1',
        'offsets.topic.num.partitions=3',
        'transaction.state.log.replication.factor=1',
        'transaction.state.log.min.isr=1',
        'group.initial.rebalance.delay.ms=0',
      ].join('\n'),
    );
    const clusterId = randomBytes(16).toString('base64url');
    // The id may start with "-": joined to its option, the argument parser cannot mistake it for one.
    await run(['kafka.tools.StorageTool', 'format', `--cluster-id=${clusterId}`, '-c', join(dir, 'server.properties')], dir);
    const kafka = new PrivateKafka(dir, port);
    await kafka.startBroker();
    return kafka;
  }

  /** Kills the broker outright (no controlled shutdown), as a crashed host would. */
  async kill(): Promise<void> {
    const broker = this.broker;
    if (!broker || broker.exitCode !== null) return;
    const exited = new Promise((done) => broker.once('exit', done));
    broker.kill('SIGKILL');
    await exited;
  }

  /** Starts the broker again on the same port and data, and waits until it answers. */
  async startBroker(): Promise<void> {
    this.broker = spawn('java', ['-Xms128m', '-Xmx384m', '-cp', `${KAFKA_LIBS}/*`, ...logSettings(this.dir), 'kafka.Kafka', join(this.dir, 'server.properties')], { stdio: 'ignore' });
    const deadline = Date.now() + 60_000;
    while (!(await this.answers())) {
      if (this.broker.exitCode !== null) throw new Error(`the private Kafka broker exited with ${this.broker.exitCode}`);
      if (Date.now() > deadline) throw new Error('the private Kafka broker did not come up within 60 s');
      await new Promise((done) => setTimeout(done, 250));
    }
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async answers(): Promise<boolean> {
    const admin = new Kafka({ clientId: 'ecs-test-probe', brokers: this.brokers, connectionTimeout: 1000, requestTimeout: 2000, retry: { retries: 0 }, logLevel: logLevel.NOTHING }).admin();
    try {
      await admin.connect();
      return (await admin.describeCluster()).brokers.length > 0;
    } catch {
      return false;
    } finally {
      await admin.disconnect();
    }
  }
}

function logSettings(dir: string): string[] {
  return [`-Dlog4j.configuration=file:${join(REPO_ROOT, 'deploy', 'local', 'kafka', 'log4j.properties')}`, `-Dkafka.logs.dir=${join(dir, 'logs')}`];
}

function run(args: readonly string[], dir: string): Promise<void> {
  return new Promise((done, fail) => {
    const tool = spawn('java', ['-Xmx128m', '-cp', `${KAFKA_LIBS}/*`, ...logSettings(dir), ...args], { stdio: 'ignore' });
    tool.once('error', fail);
    tool.once('exit', (code) => (code === 0 ? done() : fail(new Error(`${args[0]} exited with ${code}`))));
  });
}
