import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClientTokenCache } from '@ecs/cache';
import type { ImageService, ImageUsage, InstanceDiskExporter } from '@ecs/contracts';
import { createLogger } from '@ecs/observability';
import { ClientTokenGuard, IdempotencyRepository, ImageRepository, ImageUsageRepository, type Database, type StoredImage } from '@ecs/persistence';
import { BlobStore } from './blob-store/blob-store';
import { createBlobServer } from './http/blob-server';
import { RegionStores, type ImageCenterDeps } from './image-center-deps';
import { ImageCenterService } from './image-center-service';

import { ContentIngest } from './jobs/content-ingest';
import { CreationJobs } from './jobs/creation-jobs';
import { AddressPolicy } from './sources/address-policy';
import { RegisterSystemImage, type SystemImageRegistration } from './use-cases/register-system-image.use-case';

export interface ImageCenterOptions {
  readonly db: Database;
  /** Each served region's blob store directory; one image center process owns each directory. */
  readonly storeDirs: ReadonlyMap<string, string>;
  /** How CreateImage reads a stopped instance's system disk (control / host agents implement it). */
  readonly exporter: InstanceDiskExporter;
  /** Which instances use an image; defaults to the instances table of `db`. */
  readonly usage?: ImageUsage;
  /** Largest import or export, in bytes of content. */
  readonly maxImageBytes: number;
  /** No image stays Creating longer than this. */
  readonly jobTimeoutMs: number;
  /** CIDRs import URLs may resolve into although the SSRF guard refuses them by default. */
  readonly importAllowedCidrs: readonly string[];
  /** The bearer token host agents present to the blob endpoint. */
  readonly blobToken: string;
  /** A source that sends nothing for this long is given up (default 60 s). */
  readonly idleTimeoutMs?: number;
  /** Completed calls' ClientToken answers, for a process on Redis; without it replays read the database. */
  readonly clientTokenCache?: ClientTokenCache;
}

export interface ImageCenter {
  /** The port the business layer calls. */
  readonly service: ImageService;
  /** Operator-side: a local file becomes (or gives content to) a system image. */
  registerSystemImage(registration: SystemImageRegistration): Promise<StoredImage>;
  /** Serves the blob endpoint for host agents; resolves with its URL. */
  listen(port: number, host: string): Promise<string>;
  /** Resolves when no import, export or copy is running. */
  whenIdle(): Promise<void>;
  /** Stops the blob endpoint and aborts running jobs (their images end CreateFailed). */
  close(): Promise<void>;
}

const DEFAULT_IDLE_TIMEOUT_MS = 60_000;
const log = createLogger('image-center');

/** Wires the image center: stores, catalog, use cases, background jobs and the blob endpoint. */
export async function createImageCenter(options: ImageCenterOptions): Promise<ImageCenter> {
  const images = new ImageRepository(options.db);
  const stores = new Map([...options.storeDirs].map(([regionId, dir]) => [regionId, new BlobStore(dir)]));
  for (const store of stores.values()) await store.open();
  const regionStores = new RegionStores(stores);
  // Nothing runs yet, so anything still Creating was cut off by a stop or crash.
  const interrupted = await images.failAllCreating(regionStores.regionIds(), 'the image center restarted before the image was complete');
  if (interrupted > 0) log.warn('images left Creating by a previous run have failed', { count: interrupted });
  const jobs = new CreationJobs(images, options.jobTimeoutMs, log);
  const deps: ImageCenterDeps = {
    images,
    stores: regionStores,
    jobs,
    ingest: new ContentIngest(images, log),
    tokens: new ClientTokenGuard(new IdempotencyRepository(options.db), options.clientTokenCache),
    policy: new AddressPolicy(options.importAllowedCidrs),
    limits: { maxImageBytes: options.maxImageBytes, idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS },
    exporter: options.exporter,
    usage: options.usage ?? new ImageUsageRepository(options.db),
    log,
  };
  const registerSystem = new RegisterSystemImage(deps);
  const server = createBlobServer({ stores: regionStores, images, token: options.blobToken, log });
  let listening = false;

  return {
    service: new ImageCenterService(deps),
    registerSystemImage: (registration) => registerSystem.execute(registration),
    async listen(port, host) {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      listening = true;
      return urlOf(server);
    },
    whenIdle: () => jobs.whenIdle(),
    async close() {
      if (listening) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
      await jobs.close();
    },
  };
}

function urlOf(server: Server): string {
  const { address, port } = server.address() as AddressInfo;
  const host = address === '0.0.0.0' || address === '::' ? '127.0.0.1' : address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
