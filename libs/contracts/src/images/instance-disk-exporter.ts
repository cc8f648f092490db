import type { Readable } from 'node:stream';

/**
 * A stopped instance's system disk, ready to become an image: a self-contained qcow2 or raw image
 * (no backing file: an overlay must be flattened first, since the image center refuses qcow2 files
 * that point at other files).
 */
export type ExportedDisk =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'stream'; readonly stream: Readable };

/**
 * Implemented by control / the instance's host agent. The image center reads the export once, from
 * start to end, and calls `release` when done (successfully or not) so temporary exports can go.
 */
export interface InstanceDiskExporter {
  /** @throws when the disk cannot be exported; the image then ends CreateFailed with the reason. */
  exportDisk(instanceId: string): Promise<ExportedDisk & { release?(): Promise<void> }>;
}
