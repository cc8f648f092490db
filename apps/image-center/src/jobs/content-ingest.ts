import type { Readable } from 'node:stream';
import type { DiskImageFormat } from '@ecs/contracts';
import type { Logger } from '@ecs/observability';
import type { ImageRepository } from '@ecs/persistence';
import type { BlobStore } from '../blob-store/blob-store';
import { inspectHeader, judgeDisk, matchesDeclared } from '../formats/disk-format';
import { ImageContentError } from './image-content-error';

const GIB = 1024 ** 3;

export interface IngestRequest {
  readonly imageId: string;
  readonly regionId: string;
  readonly store: BlobStore;
  readonly maxBytes: number;
  readonly declaredFormat?: DiskImageFormat;
  readonly expectedDigest?: string;
  readonly signal: AbortSignal;
}

/** Content → blob store → format check → the Creating image becomes Available with it. */
export class ContentIngest {
  constructor(
    private readonly images: ImageRepository,
    private readonly log: Logger,
  ) {}

  async run(source: Readable, request: IngestRequest): Promise<void> {
    const staged = await request.store.ingest(source, {
      maxBytes: request.maxBytes,
      signal: request.signal,
      ...(request.expectedDigest !== undefined && { expectedDigest: request.expectedDigest }),
    });
    const verdict = matchesDeclared(judgeDisk(inspectHeader(staged.header), staged.sizeBytes), request.declaredFormat);
    if (verdict.kind === 'rejected') {
      await staged.discard();
      throw new ImageContentError(verdict.reason);
    }
    const content = { digest: staged.digest, sizeBytes: staged.sizeBytes, format: verdict.format, sizeGiB: Math.max(1, Math.ceil(verdict.virtualSizeBytes / GIB)) };
    const recorded = await staged.commit(
      () => this.images.completeCreation(request.imageId, content),
      () => this.images.blobReferenced(request.regionId, staged.digest),
    );
    if (recorded) this.log.info('image available', { imageId: request.imageId, digest: content.digest, format: content.format, sizeBytes: content.sizeBytes });
    else this.log.info('image went away before its content was recorded', { imageId: request.imageId });
  }
}
