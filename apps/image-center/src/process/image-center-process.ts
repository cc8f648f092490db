import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CachedClientTokens, createCache } from '@ecs/cache';
import type { ImageCenterServiceConfig } from '@ecs/config';
import { SERVICE_GROUPS, type ImageCenterEndpoint } from '@ecs/contracts';
import { createCoordinator } from '@ecs/coordination';
import { createLogger } from '@ecs/observability';
import { Database } from '@ecs/persistence';
import { listenInternal, processMemberId } from '@ecs/transport';
import { startImageCenter } from '../start-image-center';
import { registerSystemImages } from '../system-images/register-system-images';
import { HttpDiskExporter } from './http-disk-exporter';
import { createImageCenterServer } from './image-center-server';

const log = createLogger('image-center.process');

export interface ImageCenterProcess {
  /** The internal API (tenant image actions from the business layer). */
  readonly url: string;
  /** The blob endpoint host agents pull from. */
  readonly blobUrl: string;
  stop(): Promise<void>;
}

/**
 * The region's image center on the real systems: the catalog in MariaDB, blob stores under
 * `<dataDir>/images/<regionId>` (this process owns them), the tenant image actions over HTTP for
 * the business layer, the blob endpoint for host agents (bearer: the internal token), CreateImage's
 * disks read through control, and both addresses announced in ZooKeeper.
 */
export async function startImageCenterProcess(config: ImageCenterServiceConfig): Promise<ImageCenterProcess> {
  const dataDir = resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = await Database.open(config.db, { runMigrations: false });
  const coordinator = await createCoordinator({ kind: 'zookeeper', ...config.zookeeper });
  const exporter = await HttpDiskExporter.start(coordinator, config.internalToken);
  const cache = createCache(config.redis);
  const { imageCenter, blobUrl: boundBlobUrl } = await startImageCenter({
    db,
    dataDir,
    regionIds: [config.regionId],
    exporter,
    config: config.images,
    clientTokenCache: new CachedClientTokens(cache),
  });
  await registerSystemImages(imageCenter, config.regionId, config.systemImageManifests, log);
  let ready = false;
  const server: NestFastifyApplication = await createImageCenterServer({
    images: imageCenter.service,
    token: config.internalToken,
    health: { report: () => ({ status: ready ? 'ok' : 'unavailable', service: 'image-center', pid: process.pid }) },
  });
  const url = await listenInternal(server, config.server);
  const blobUrl = advertised(boundBlobUrl, config.server.advertiseHost);
  const endpoint: ImageCenterEndpoint = { url, pid: process.pid, blobUrl, regionIds: [config.regionId] };
  const registration = await coordinator.register(SERVICE_GROUPS.imageCenter, processMemberId(`image-center-${config.regionId}`), endpoint);
  ready = true;
  log.info('image center ready', { regionId: config.regionId, url, blobUrl });
  return {
    url,
    blobUrl,
    async stop() {
      ready = false;
      await registration.close();
      await server.close();
      // Running jobs are cut off; their images end CreateFailed, as at any restart.
      await imageCenter.close();
      exporter.close();
      await coordinator.close();
      await cache.close();
      await db.close();
    },
  };
}

/** Peers dial the blob endpoint where they dial the internal API: the advertised host, when one is set. */
function advertised(url: string, advertiseHost: string | undefined): string {
  if (advertiseHost === undefined) return url;
  const parsed = new URL(url);
  parsed.hostname = advertiseHost.includes(':') ? `[${advertiseHost}]` : advertiseHost;
  return parsed.origin;
}
