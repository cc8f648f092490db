import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const ENDPOINTS = join(REPO_ROOT, '.infra', 'endpoints.json');
const INFRA_SCRIPT = join(REPO_ROOT, 'deploy', 'local', 'infra.sh');
const DEFAULT_CONNECTION = '127.0.0.1:2181';

/** The connection string `npm run infra:up` recorded, if it has run. */
function recordedConnection(): string | undefined {
  if (!existsSync(ENDPOINTS)) return undefined;
  const endpoints = JSON.parse(readFileSync(ENDPOINTS, 'utf8')) as { zookeeper?: { connectString?: unknown } };
  const connection = endpoints.zookeeper?.connectString;
  return typeof connection === 'string' && connection !== '' ? connection : undefined;
}

function configuredConnection(): string {
  return recordedConnection() ?? process.env.ECS_TEST_ZK ?? DEFAULT_CONNECTION;
}

/** Whether the first server of the ensemble accepts a TCP connection. */
function answers(connection: string): Promise<boolean> {
  const [host, port] = connection.split(',')[0].split(':');
  return new Promise((done) => {
    const socket = connect({ host, port: Number(port), timeout: 1000 });
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
    socket.once('timeout', () => finish(false));
  });
}

function startLocalInfrastructure(): Promise<void> {
  return new Promise((done, fail) =>
    execFile('bash', [INFRA_SCRIPT, 'up'], { cwd: REPO_ROOT, timeout: 10 * 60_000 }, (error, _stdout, stderr) =>
      error ? fail(new Error(`${INFRA_SCRIPT} up failed: ${error.message}\n${stderr}`)) : done(),
    ),
  );
}

let found: Promise<string> | undefined;

/**
 * The ZooKeeper the integration tests use: the one in .infra/endpoints.json (written by
 * `npm run infra:up`), else ECS_TEST_ZK, else 127.0.0.1:2181. When nothing answers there and the
 * local infrastructure script exists, it is started first. Once per test process.
 * @throws Error when no ZooKeeper can be found or started.
 */
export function zookeeperTestConnection(): Promise<string> {
  found ??= (async () => {
    const connection = configuredConnection();
    if (await answers(connection)) return connection;
    if (!existsSync(INFRA_SCRIPT)) throw new Error(`no ZooKeeper answers at ${connection}; run one or set ECS_TEST_ZK`);
    await startLocalInfrastructure();
    const started = configuredConnection();
    if (!(await answers(started))) throw new Error(`${INFRA_SCRIPT} up finished but no ZooKeeper answers at ${started}`);
    return started;
  })();
  return found;
}
