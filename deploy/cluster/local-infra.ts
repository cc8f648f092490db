import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

/** What `npm run infra:up` records in .infra/endpoints.json. */
export interface InfraEndpoints {
  readonly zookeeper: { readonly connectString: string };
  readonly kafka: { readonly brokers: readonly string[] };
  readonly mariadb: { readonly host: string; readonly port: number; readonly user: string; readonly password: string; readonly database: string };
  readonly redis: { readonly url: string };
}

export function readInfraEndpoints(repoRoot: string): InfraEndpoints | undefined {
  const file = join(repoRoot, '.infra', 'endpoints.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as InfraEndpoints) : undefined;
}

/** Starts (or finds running) ZooKeeper, Kafka, MariaDB and Redis with deploy/local/infra.sh; idempotent. */
export function ensureInfra(repoRoot: string): Promise<InfraEndpoints> {
  return new Promise((resolve, reject) =>
    execFile('bash', [join(repoRoot, 'deploy', 'local', 'infra.sh'), 'up'], { cwd: repoRoot, timeout: 10 * 60_000 }, (error, _stdout, stderr) => {
      if (error) return reject(new Error(`deploy/local/infra.sh up failed: ${error.message}\n${stderr}`));
      const endpoints = readInfraEndpoints(repoRoot);
      return endpoints ? resolve(endpoints) : reject(new Error('deploy/local/infra.sh up wrote no .infra/endpoints.json'));
    }),
  );
}

/** A TCP port free on loopback right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface MariaDbServer {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
}

/** Creates the database if it is missing (the migrations then fill it). */
export async function createDatabase(server: MariaDbServer, database: string): Promise<void> {
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error(`database name may hold only letters, digits and _: ${database}`);
  const admin = await createConnection(serverOnly(server));
  try {
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4`);
  } finally {
    await admin.end();
  }
}

export async function dropDatabase(server: MariaDbServer, database: string): Promise<void> {
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error(`database name may hold only letters, digits and _: ${database}`);
  const admin = await createConnection(serverOnly(server));
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await admin.end();
  }
}

/** The server alone: connecting with a database named that does not exist yet would fail. */
function serverOnly({ host, port, user, password }: MariaDbServer): MariaDbServer {
  return { host, port, user, password };
}
