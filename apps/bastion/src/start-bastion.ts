import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASTION_ENDPOINT_FILE, type BastionEndpoint, type OpsShellDirectory } from '@ecs/contracts';
import type { PlatformConfig } from '@ecs/config';
import type { Database } from '@ecs/persistence';
import { createBastion } from './create-bastion';

const AUDIT_KEY_FILE = 'bastion-audit.key';
const TOTP_ISSUER = 'ECS Bastion';

export interface RunningBastion {
  readonly url: string;
  close(): Promise<void>;
}

export interface StartBastionOptions {
  readonly db: Database;
  readonly shells: OpsShellDirectory;
  readonly agentKey: Buffer;
  readonly dataDir: string;
  readonly config: PlatformConfig['bastion'];
}

/**
 * Starts the bastion the way a one-node deployment runs it: the audit key from config, or one
 * generated once and kept (mode 0600) in the data dir so the chain still verifies after a restart;
 * a fresh bootstrap administrator token written with the URL to the data dir (as the admin API's is).
 */
export async function startBastion(options: StartBastionOptions): Promise<RunningBastion> {
  const { config, dataDir } = options;
  const bootstrapToken = randomBytes(24).toString('base64url');
  const bastion = await createBastion({
    db: options.db,
    shells: options.shells,
    agentKey: options.agentKey,
    auditKey: config.auditKey !== undefined ? Buffer.from(config.auditKey, 'utf8') : auditKeyIn(dataDir),
    bootstrapToken,
    settings: {
      lockout: { threshold: config.lockoutAttempts, lockoutMs: config.lockoutMs },
      connectTokenTtlMs: config.connectTokenTtlMs,
      loginSessionMs: config.loginSessionMs,
      totpIssuer: TOTP_ISSUER,
      failuresPerMinute: config.failuresPerMinute,
    },
  });
  const url = await bastion.listen(config.port, config.host);
  writePrivate(join(dataDir, BASTION_ENDPOINT_FILE), JSON.stringify({ url, adminToken: bootstrapToken } satisfies BastionEndpoint));
  return { url, close: () => bastion.close() };
}

/** The agents' key: from config in a deployment; in one process any fresh key serves both sides. */
export function opsAgentKey(fromConfig: string | undefined): Buffer {
  return fromConfig !== undefined ? Buffer.from(fromConfig, 'utf8') : randomBytes(32);
}

function auditKeyIn(dataDir: string): Buffer {
  const path = join(dataDir, AUDIT_KEY_FILE);
  if (existsSync(path)) return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64url');
  const key = randomBytes(32);
  writePrivate(path, key.toString('base64url'));
  return key;
}

function writePrivate(path: string, content: string): void {
  writeFileSync(path, content, { mode: 0o600 });
  chmodSync(path, 0o600);
}
