import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const ENDPOINTS = join(REPO_ROOT, '.infra', 'endpoints.json');
const INFRA_SCRIPT = join(REPO_ROOT, 'deploy', 'local', 'infra.sh');

/** What `npm run infra:up` records in .infra/endpoints.json. */
export interface LocalEndpoints {
  readonly zookeeper: { readonly connectString: string; readonly port: number };
  readonly kafka: { readonly brokers: readonly string[]; readonly port: number; readonly controllerPort: number };
  readonly mariadb: { readonly host: string; readonly port: number; readonly user: string; readonly password: string; readonly database: string };
  readonly redis: { readonly url: string; readonly port: number };
}

/** The endpoints of the last `infra:up`, or undefined when it has not run (or `infra:down` ran since). */
export function readLocalEndpoints(): LocalEndpoints | undefined {
  if (!existsSync(ENDPOINTS)) return undefined;
  return JSON.parse(readFileSync(ENDPOINTS, 'utf8')) as LocalEndpoints;
}

/**
 * Runs `deploy/local/infra.sh up` (idempotent, serialised by its own lock) and returns the
 * endpoints it recorded. A cold first run fetches Kafka and ZooKeeper, so allow it minutes.
 */
export function startLocalInfrastructure(): Promise<LocalEndpoints> {
  return new Promise((done, fail) =>
    execFile('bash', [INFRA_SCRIPT, 'up'], { cwd: REPO_ROOT, timeout: 10 * 60_000 }, (error, _stdout, stderr) => {
      if (error) return fail(new Error(`${INFRA_SCRIPT} up failed: ${error.message}\n${stderr}`));
      const endpoints = readLocalEndpoints();
      return endpoints ? done(endpoints) : fail(new Error(`${INFRA_SCRIPT} up wrote no ${ENDPOINTS}`));
    }),
  );
}
