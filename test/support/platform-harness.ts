import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlatformConfig, type PlatformConfig } from '@ecs/config';
import { configureLogging } from '@ecs/observability';
import { startPlatform, type Platform } from '../../apps/all-in-one/src/platform';

export interface TestPlatform extends Platform {
  readonly config: PlatformConfig;
  readonly dataDir: string;
  /** Stop and remove the data dir. */
  dispose(): Promise<void>;
}

/** An all-in-one platform on ephemeral ports and its own data dir, as `npm start` runs it. */
export async function startTestPlatform(env: Record<string, string> = {}, dataDir = mkdtempSync(join(tmpdir(), 'ecs-e2e-'))): Promise<TestPlatform> {
  configureLogging({ level: 'silent' });
  const config = loadPlatformConfig({
    ECS_GATEWAY_PORT: '0',
    ECS_GATEWAY_HOST: '127.0.0.1',
    ECS_ADMIN_PORT: '0',
    ECS_BASTION_PORT: '0',
    ECS_CONSOLE_PORT: '0',
    ECS_IMAGE_BLOB_PORT: '0',
    ECS_METASERVER_PORT: '0',
    ECS_DATA_DIR: dataDir,
    ECS_SIM_HOSTS: '4',
    ECS_SIM_BOOT_MS: '150',
    ECS_SIM_SHUTDOWN_MS: '100',
    ECS_RESYNC_INTERVAL_MS: '1000',
    ECS_THROTTLE_PER_SECOND: '1000',
    ...env,
  });
  const platform = await startPlatform(config);
  return Object.assign(Object.create(null) as object, platform, {
    config,
    dataDir,
    stop: () => platform.stop(),
    dispose: async () => {
      await platform.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

export async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (accept(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
}
