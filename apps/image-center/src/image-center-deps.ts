import type { ImageUsage, InstanceDiskExporter } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import type { Logger } from '@ecs/observability';
import type { ImageRepository } from '@ecs/persistence';
import type { BlobStore } from './blob-store/blob-store';
import type { ClientTokenGuard } from '@ecs/persistence';
import type { ContentIngest } from './jobs/content-ingest';
import type { CreationJobs } from './jobs/creation-jobs';
import type { AddressPolicy } from './sources/address-policy';

export interface ImageCenterLimits {
  /** Largest import, export or copy, in bytes of content. */
  readonly maxImageBytes: number;
  /** A source that sends nothing for this long is given up. */
  readonly idleTimeoutMs: number;
}

/** Each served region's blob store. */
export class RegionStores {
  constructor(private readonly stores: ReadonlyMap<string, BlobStore>) {}

  /** @throws InvalidRegionId.NotFound (naming `parameter`) for a region this image center does not serve. */
  of(regionId: string, parameter = 'RegionId'): BlobStore {
    const store = this.stores.get(regionId);
    if (store === undefined) throw new EcsError('InvalidRegionId.NotFound', `The specified ${parameter} does not exist.`);
    return store;
  }

  regionIds(): string[] {
    return [...this.stores.keys()];
  }

  all(): BlobStore[] {
    return [...this.stores.values()];
  }
}

/** What the image center's use cases share. */
export interface ImageCenterDeps {
  readonly images: ImageRepository;
  readonly stores: RegionStores;
  readonly jobs: CreationJobs;
  readonly ingest: ContentIngest;
  readonly tokens: ClientTokenGuard;
  readonly policy: AddressPolicy;
  readonly limits: ImageCenterLimits;
  readonly exporter: InstanceDiskExporter;
  readonly usage: ImageUsage;
  readonly log: Logger;
}
