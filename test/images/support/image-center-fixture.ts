import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportedDisk, InstanceDiskExporter } from '@ecs/contracts';
import type { Database } from '@ecs/persistence';
import { createImageCenter, type ImageCenter } from '../../../apps/image-center/src';

export const REGION = 'cn-test-1';
export const OTHER_REGION = 'cn-test-2';
export const ACCOUNT = '1111111111';
export const OTHER_ACCOUNT = '2222222222';
export const BLOB_TOKEN = 'blob-token-for-tests-0123456789abcdef';
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/** A disk exporter for tests: serves files by instance id, counting releases; unknown instances fail. */
export class FileDiskExporter implements InstanceDiskExporter {
  readonly released: string[] = [];
  constructor(readonly files: Map<string, string> = new Map()) {}

  async exportDisk(instanceId: string): Promise<ExportedDisk & { release(): Promise<void> }> {
    const path = this.files.get(instanceId);
    if (path === undefined) throw new Error(`no disk for ${instanceId}`);
    return { kind: 'file', path, release: async () => void this.released.push(instanceId) };
  }
}

export interface ImageCenterFixture {
  readonly center: ImageCenter;
  readonly dir: string;
  readonly exporter: FileDiskExporter;
  storeDir(regionId: string): string;
  dispose(): Promise<void>;
}

/** An image center over `db` serving two regions, each store in a fresh temporary folder. */
export async function imageCenterFixture(db: Database, options: { allowedCidrs?: string[]; dir?: string; jobTimeoutMs?: number } = {}): Promise<ImageCenterFixture> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'image-center-'));
  const exporter = new FileDiskExporter();
  const storeDir = (regionId: string) => join(dir, 'stores', regionId);
  const center = await createImageCenter({
    db,
    storeDirs: new Map([REGION, OTHER_REGION].map((regionId) => [regionId, storeDir(regionId)])),
    exporter,
    maxImageBytes: MAX_IMAGE_BYTES,
    jobTimeoutMs: options.jobTimeoutMs ?? 30_000,
    importAllowedCidrs: options.allowedCidrs ?? ['127.0.0.1/32'],
    blobToken: BLOB_TOKEN,
  });
  return {
    center,
    dir,
    exporter,
    storeDir,
    async dispose() {
      await center.close();
      if (options.dir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** ImportImage's command with defaults for everything a test does not care about. */
export function importCommand(url: string, overrides: Partial<Parameters<ImageCenter['service']['importImage']>[0]> = {}) {
  return {
    accountId: ACCOUNT,
    regionId: REGION,
    url,
    declaredFormat: undefined,
    imageName: undefined,
    description: undefined,
    os: { osType: 'linux' as const, platform: 'Ubuntu', architecture: 'x86_64' as const },
    clientToken: undefined,
    requestHash: 'h-import',
    dryRun: false,
    ...overrides,
  };
}
