import type { DiskImageFormat, ImageRecord, ImageStatus } from '@ecs/contracts';
import { In, IsNull } from 'typeorm';
import type { Database } from '../database';
import { ImageEntity } from '../entities';
import { toImageRecord } from './image-record.mapper';

export type ImageSourceKind = 'url' | 'file' | 'instance' | 'copy';

/** An image with the image center's view of it: content and origin. */
export interface StoredImage extends ImageRecord {
  readonly blobDigest: string | undefined;
  readonly sizeBytes: number | undefined;
  readonly diskFormat: DiskImageFormat | undefined;
  readonly sourceKind: ImageSourceKind | undefined;
  readonly sourceRef: string | undefined;
  readonly failureReason: string | undefined;
}

export type NewImage = Omit<StoredImage, 'creationTime' | 'failureReason' | 'blobDigest' | 'sizeBytes' | 'diskFormat'> & {
  readonly content?: ImageContent;
};

/** What a finished import, export or copy tells the catalog. */
export interface ImageContent {
  readonly digest: string;
  readonly sizeBytes: number;
  readonly format: DiskImageFormat;
  /** Virtual disk size, rounded up to whole GiB: the smallest system disk the image fits. */
  readonly sizeGiB: number;
}

const FAILURE_REASON_MAX = 256;

/**
 * The image center's side of the `images` table. Status changes are compare-and-swaps on the
 * status: a background job that finishes after its image was deleted changes nothing.
 */
export class ImageRepository {
  constructor(private readonly db: Database) {}

  async insert(image: NewImage, now = Date.now()): Promise<void> {
    const { content, ...fields } = image;
    await this.db.transaction((m) =>
      m.insert(ImageEntity, {
        ...fields,
        ownerAccountId: fields.ownerAccountId ?? null,
        sourceKind: fields.sourceKind ?? null,
        sourceRef: fields.sourceRef ?? null,
        blobDigest: content?.digest ?? null,
        sizeBytes: content?.sizeBytes ?? null,
        diskFormat: content?.format ?? null,
        failureReason: null,
        createdAt: now,
      }),
    );
  }

  async get(imageId: string): Promise<StoredImage | undefined> {
    const row = await this.db.read((m) => m.findOneBy(ImageEntity, { imageId }));
    return row ? toStoredImage(row) : undefined;
  }

  /** The caller's own custom image in the region; system images and other tenants' images are not found. */
  async owned(accountId: string, regionId: string, imageId: string): Promise<StoredImage | undefined> {
    const row = await this.db.read((m) => m.findOneBy(ImageEntity, { imageId, regionId, ownerAccountId: accountId }));
    return row ? toStoredImage(row) : undefined;
  }

  /** Creating → Available with its content. False when the image is no longer Creating. */
  async completeCreation(imageId: string, content: ImageContent): Promise<boolean> {
    const result = await this.db.transaction((m) =>
      m.update(
        ImageEntity,
        { imageId, status: 'Creating' },
        { status: 'Available', blobDigest: content.digest, sizeBytes: content.sizeBytes, diskFormat: content.format, sizeGiB: content.sizeGiB },
      ),
    );
    return result.affected === 1;
  }

  /** Gives a system image without content its content (an operator registering the file behind a seeded image). */
  async attachSystemContent(imageId: string, content: ImageContent): Promise<boolean> {
    const result = await this.db.transaction((m) =>
      m.update(
        ImageEntity,
        { imageId, ownerAccountId: IsNull(), blobDigest: IsNull() },
        { blobDigest: content.digest, sizeBytes: content.sizeBytes, diskFormat: content.format, sizeGiB: content.sizeGiB, sourceKind: 'file' },
      ),
    );
    return result.affected === 1;
  }

  /** Creating → CreateFailed with a reason a tenant may read (no paths, no secrets). */
  async failCreation(imageId: string, reason: string): Promise<boolean> {
    const failureReason = reason.length > FAILURE_REASON_MAX ? `${reason.slice(0, FAILURE_REASON_MAX - 1)}…` : reason;
    const result = await this.db.transaction((m) => m.update(ImageEntity, { imageId, status: 'Creating' }, { status: 'CreateFailed', failureReason }));
    return result.affected === 1;
  }

  /** After a restart no job is running any more: whatever was Creating in these regions has failed. */
  async failAllCreating(regionIds: readonly string[], reason: string): Promise<number> {
    if (regionIds.length === 0) return 0;
    const result = await this.db.transaction((m) => m.update(ImageEntity, { regionId: In([...regionIds]), status: 'Creating' }, { status: 'CreateFailed', failureReason: reason }));
    return result.affected ?? 0;
  }

  /** False when the image is not the caller's custom image in the region. */
  async modify(accountId: string, regionId: string, imageId: string, changes: { imageName?: string; description?: string }): Promise<boolean> {
    if (changes.imageName === undefined && changes.description === undefined) return (await this.owned(accountId, regionId, imageId)) !== undefined;
    const result = await this.db.transaction((m) => m.update(ImageEntity, { imageId, regionId, ownerAccountId: accountId }, { ...changes }));
    return result.affected === 1;
  }

  /** Deletes the caller's image if its status is one of `from`; false when it was not (any more). */
  async delete(accountId: string, regionId: string, imageId: string, from: readonly ImageStatus[]): Promise<boolean> {
    const result = await this.db.transaction((m) => m.delete(ImageEntity, { imageId, regionId, ownerAccountId: accountId, status: In([...from]) }));
    return result.affected === 1;
  }

  /** Whether any image of the region, in any status, still names this blob. */
  async blobReferenced(regionId: string, digest: string): Promise<boolean> {
    return (await this.db.read((m) => m.countBy(ImageEntity, { regionId, blobDigest: digest }))) > 0;
  }
}

function toStoredImage(i: ImageEntity): StoredImage {
  return {
    ...toImageRecord(i),
    blobDigest: i.blobDigest ?? undefined,
    sizeBytes: i.sizeBytes ?? undefined,
    diskFormat: i.diskFormat ?? undefined,
    sourceKind: i.sourceKind ?? undefined,
    sourceRef: i.sourceRef ?? undefined,
    failureReason: i.failureReason ?? undefined,
  };
}
