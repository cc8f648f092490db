import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccountRepository } from '@ecs/persistence';
import { isDuplicateKey, newAccessKeyId, newAccessKeySecret } from '@ecs/persistence';

export interface BootstrapCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** True only on the start that created them: the one time the secret is shown. */
  readonly created: boolean;
}

const FILE = 'bootstrap-access-key.json';

/**
 * The first tenant's AccessKey: from ECS_BOOTSTRAP_ACCESS_KEY_* when set, otherwise generated
 * once and kept (mode 0600) in the data dir so restarts keep working with the same key. Replicas
 * starting together may race to create it: the loser finds the winner's.
 */
export async function ensureBootstrapCredentials(accounts: AccountRepository, dataDir: string, fromEnv: { accessKeyId: string; accessKeySecret: string } | undefined): Promise<BootstrapCredentials> {
  const path = join(dataDir, FILE);
  const wanted = fromEnv ?? (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { accessKeyId: string; accessKeySecret: string }) : undefined);
  const key = wanted ?? { accessKeyId: newAccessKeyId(), accessKeySecret: newAccessKeySecret() };
  const existing = await accounts.findAccessKey(key.accessKeyId);
  if (existing && existing.accessKeySecret !== key.accessKeySecret) {
    throw new Error(`AccessKey ${key.accessKeyId} already exists with another secret; pick another ECS_BOOTSTRAP_ACCESS_KEY_ID`);
  }
  if (!existing) await createOnce(accounts, key);
  if (!fromEnv && !wanted) writeFileSync(path, JSON.stringify(key), { mode: 0o600 });
  return { ...key, created: !existing };
}

async function createOnce(accounts: AccountRepository, key: { accessKeyId: string; accessKeySecret: string }): Promise<void> {
  try {
    await accounts.createAccount('bootstrap', key);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const raced = await accounts.findAccessKey(key.accessKeyId);
    if (raced?.accessKeySecret !== key.accessKeySecret) throw error;
  }
}
