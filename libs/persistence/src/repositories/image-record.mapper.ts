import type { ImageRecord } from '@ecs/contracts';
import type { ImageEntity } from '../entities';

/** An image row as the catalog shows it to tenants and the business layer. */
export function toImageRecord(i: ImageEntity): ImageRecord {
  return {
    imageId: i.imageId,
    regionId: i.regionId,
    imageName: i.imageName,
    description: i.description,
    osName: i.osName,
    osType: i.osType,
    platform: i.platform,
    architecture: i.architecture,
    sizeGiB: i.sizeGiB,
    status: i.status,
    ownerAlias: i.ownerAlias,
    ownerAccountId: i.ownerAccountId ?? undefined,
    creationTime: new Date(i.createdAt).toISOString(),
  };
}
