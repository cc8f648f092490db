import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';

const ROOT = join(__dirname, '..', '..', '..');
const ENDPOINTS = join(ROOT, '.infra', 'endpoints.json');

export interface BenchEndpoints {
  readonly kafka: { readonly brokers: readonly string[] };
  readonly mariadb: { readonly host: string; readonly port: number; readonly user: string; readonly password: string };
  readonly redis: { readonly url: string };
}

function recorded(): BenchEndpoints | undefined {
  return existsSync(ENDPOINTS) ? (JSON.parse(readFileSync(ENDPOINTS, 'utf8')) as BenchEndpoints) : undefined;
}

async function kafkaAnswers(brokers: readonly string[]): Promise<boolean> {
  const admin = new Kafka({ clientId: 'ecs-bench-probe', brokers: [...brokers], connectionTimeout: 1_000, retry: { retries: 0 }, logLevel: logLevel.NOTHING }).admin();
  try {
    await admin.connect();
    return (await admin.describeCluster()).brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect();
  }
}

/** The local infrastructure from .infra/endpoints.json, started with `deploy/local/infra.sh up` when Kafka does not answer. */
export async function localEndpoints(progress: (line: string) => void): Promise<BenchEndpoints> {
  const known = recorded();
  if (known && (await kafkaAnswers(known.kafka.brokers))) return known;
  progress('starting the local infrastructure (deploy/local/infra.sh up)');
  await new Promise<void>((resolve, reject) =>
    execFile('bash', [join(ROOT, 'deploy', 'local', 'infra.sh'), 'up'], { cwd: ROOT, timeout: 10 * 60_000 }, (error, _stdout, stderr) =>
      error ? reject(new Error(`infra.sh up failed: ${error.message}\n${stderr}`)) : resolve(),
    ),
  );
  const started = recorded();
  if (!started) throw new Error('infra.sh up wrote no .infra/endpoints.json');
  return started;
}
