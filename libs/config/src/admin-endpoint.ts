import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How operator tools find a running platform: the platform writes its admin URL and token into
 * the data dir (mode 0600) at boot; the admin CLI reads them from the same ECS_DATA_DIR.
 */
export interface AdminEndpoint {
  readonly url: string;
  readonly token: string;
}

const FILE = 'admin.json';

export function writeAdminEndpoint(dataDir: string, endpoint: AdminEndpoint): void {
  const path = join(dataDir, FILE);
  writeFileSync(path, JSON.stringify(endpoint), { mode: 0o600 });
  chmodSync(path, 0o600);
}

export function readAdminEndpoint(dataDir: string): AdminEndpoint | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as Partial<AdminEndpoint>;
    return typeof parsed.url === 'string' && typeof parsed.token === 'string' ? { url: parsed.url, token: parsed.token } : undefined;
  } catch {
    return undefined;
  }
}
