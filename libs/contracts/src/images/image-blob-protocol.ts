import type { DiskImageFormat } from './image-service';

/**
 * The image center's blob endpoint, which host agents pull images from. Every request carries
 * `Authorization: Bearer <token>` (a secret shared by the image center and the agents).
 *
 * - `GET /v1/images/<imageId>/manifest` → {@link ImageManifest} (JSON), 404 if the image has no content.
 * - `GET|HEAD /blobs/sha256/<64 hex>` → the bytes, `Range: bytes=a-b` answered with 206.
 */
export const IMAGE_BLOB_PATH_PREFIX = '/blobs/sha256/';

export function imageManifestPath(imageId: string): string {
  return `/v1/images/${encodeURIComponent(imageId)}/manifest`;
}

export function imageBlobPath(digestHex: string): string {
  return `${IMAGE_BLOB_PATH_PREFIX}${digestHex}`;
}

/** What an agent needs to fetch, verify and use an image. */
export interface ImageManifest {
  readonly imageId: string;
  /** Lower-case hex SHA-256 of the content: the blob's name and its checksum. */
  readonly digest: string;
  readonly sizeBytes: number;
  readonly format: DiskImageFormat;
}

/** The host side of the image center: images pulled and kept on the hypervisor host. */
export interface ImageCache {
  /** A local, verified file of the image's content, fetched on first use. Stable while cached. */
  pathFor(imageId: string): Promise<string>;
  /** The images held now (HostRegistration.cachedImageIds, read by the scheduler's ImageCacheWeigher). */
  cachedImageIds(): Promise<string[]>;
}
