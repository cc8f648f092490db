import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { ImageOsFields } from '@ecs/contracts';
import type { StoredImage } from '@ecs/persistence';
import type { ImageCenterDeps } from '../image-center-deps';
import { inspectHeader, judgeDisk } from '../formats/disk-format';

const GIB = 1024 ** 3;

/** An operator's system image: a local file on the image center's machine, shared with every tenant. */
export interface SystemImageRegistration {
  readonly imageId: string;
  readonly regionId: string;
  /** Read once, streamed; never exposed to tenants. */
  readonly file: string;
  readonly imageName: string;
  readonly description: string;
  readonly osName: string;
  readonly os: ImageOsFields;
}

/**
 * Operator-side import from a file (never reachable through the tenant API): registers a new system
 * image, or gives a seeded system image without content its file. An image that already has content
 * is left as it is, so a deployment may register its images on every start; new content needs a new id.
 */
export class RegisterSystemImage {
  constructor(private readonly deps: ImageCenterDeps) {}

  /** @throws Error when the id belongs to a tenant image or another region, or the file is not an accepted image. */
  async execute(registration: SystemImageRegistration): Promise<StoredImage> {
    const store = this.deps.stores.of(registration.regionId);
    const existing = await this.deps.images.get(registration.imageId);
    if (existing !== undefined && (existing.ownerAccountId !== undefined || existing.regionId !== registration.regionId)) {
      throw new Error(`image id ${registration.imageId} is taken by an image that is not a system image of ${registration.regionId}`);
    }
    if (existing?.blobDigest !== undefined) return existing;
    const staged = await store.ingest(createReadStream(registration.file), { maxBytes: Number.MAX_SAFE_INTEGER });
    const verdict = judgeDisk(inspectHeader(staged.header), staged.sizeBytes);
    if (verdict.kind === 'rejected') {
      await staged.discard();
      throw new Error(`${basename(registration.file)}: ${verdict.reason}`);
    }
    const content = { digest: staged.digest, sizeBytes: staged.sizeBytes, format: verdict.format, sizeGiB: Math.max(1, Math.ceil(verdict.virtualSizeBytes / GIB)) };
    const recorded = await staged.commit(
      async () => {
        if (existing !== undefined) return this.deps.images.attachSystemContent(registration.imageId, content);
        await this.deps.images.insert({
          imageId: registration.imageId,
          regionId: registration.regionId,
          imageName: registration.imageName,
          description: registration.description,
          osName: registration.osName,
          ...registration.os,
          sizeGiB: content.sizeGiB,
          status: 'Available',
          ownerAlias: 'system',
          ownerAccountId: undefined,
          sourceKind: 'file',
          sourceRef: basename(registration.file),
          content,
        });
        return true;
      },
      () => this.deps.images.blobReferenced(registration.regionId, content.digest),
    );
    if (!recorded) throw new Error(`image ${registration.imageId} changed while its content was registered`);
    this.deps.log.info('system image registered', { imageId: registration.imageId, digest: content.digest, format: content.format });
    return (await this.deps.images.get(registration.imageId))!;
  }
}
