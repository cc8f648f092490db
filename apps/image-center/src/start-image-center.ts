import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { ClientTokenCache } from '@ecs/cache';
import type { InstanceDiskExporter } from '@ecs/contracts';
import type { PlatformConfig } from '@ecs/config';
import type { Database } from '@ecs/persistence';
import { HttpImageCache } from '@ecs/transport';
import { createImageCenter, type ImageCenter } from './create-image-center';

export interface StartImageCenterOptions {
  readonly db: Database;
  readonly dataDir: string;
  /** The regions whose images this image center keeps (one store each, under `<dataDir>/images/<regionId>`). */
  readonly regionIds: readonly string[];
  readonly exporter: InstanceDiskExporter;
  /** The all-in-one passes its `images` config; the cluster's process passes its own, the internal token as blob token. */
  readonly config: Pick<PlatformConfig['images'], 'blobHost' | 'blobPort' | 'blobToken' | 'maxImportBytes' | 'importTimeoutMs' | 'importAllowedCidrs'>;
  /** Completed calls' ClientToken answers (the cluster's Redis); without it replays read the database. */
  readonly clientTokenCache?: ClientTokenCache;
}

export interface RunningImageCenter {
  readonly imageCenter: ImageCenter;
  /** Where host agents pull from, and the token they present. */
  readonly blobUrl: string;
  readonly blobToken: string;
}

/** Starts the image center the way a one-node deployment runs it, blob endpoint listening. */
export async function startImageCenter(options: StartImageCenterOptions): Promise<RunningImageCenter> {
  const { config } = options;
  // In one process any fresh token serves both sides; a cluster shares ECS_IMAGE_BLOB_TOKEN with the agents.
  const blobToken = config.blobToken ?? randomBytes(32).toString('base64url');
  const imageCenter = await createImageCenter({
    db: options.db,
    storeDirs: new Map(options.regionIds.map((regionId) => [regionId, join(options.dataDir, 'images', regionId)])),
    exporter: options.exporter,
    maxImageBytes: config.maxImportBytes,
    jobTimeoutMs: config.importTimeoutMs,
    importAllowedCidrs: config.importAllowedCidrs,
    blobToken,
    ...(options.clientTokenCache ? { clientTokenCache: options.clientTokenCache } : {}),
  });
  const blobUrl = await imageCenter.listen(config.blobPort, config.blobHost);
  return { imageCenter, blobUrl, blobToken };
}

/**
 * A hypervisor host's image cache, as a host agent's composition opens it: under
 * `ECS_IMAGE_CACHE_DIR`, or `<dataDir>/image-cache`, pulling from the image center at `blobUrl`.
 */
export async function openHostImageCache(options: { readonly dataDir: string; readonly config: PlatformConfig['images']; readonly blobUrl: string; readonly blobToken: string }): Promise<HttpImageCache> {
  const cache = new HttpImageCache({ blobUrl: options.blobUrl, token: options.blobToken, cacheDir: options.config.cacheDir ?? join(options.dataDir, 'image-cache') });
  await cache.open();
  return cache;
}
