import type { CopyImageCommand } from '@ecs/contracts';
import { EcsError, newResourceId } from '@ecs/domain';
import type { ImageCenterDeps } from '../image-center-deps';
import { ImageContentError } from '../jobs/image-content-error';

/**
 * CopyImage of one of the caller's Available images into a region this image center serves. Into
 * another region the bytes are streamed from the source store into the destination's and must hash
 * to the same digest; within one region the copy names the same blob (content-addressed: equal
 * bytes are stored once). See docs/decisions/0071-copy-image-between-stores.md.
 */
export class CopyImage {
  constructor(private readonly deps: ImageCenterDeps) {}

  async execute(command: CopyImageCommand): Promise<{ imageId: string }> {
    const sourceStore = this.deps.stores.of(command.regionId);
    const destinationStore = this.deps.stores.of(command.destinationRegionId, 'DestinationRegionId');
    const source = await this.deps.images.owned(command.accountId, command.regionId, command.imageId);
    if (source === undefined) throw new EcsError('InvalidImageId.NotFound');
    if (source.status !== 'Available' || source.blobDigest === undefined || source.diskFormat === undefined) {
      throw new EcsError('IncorrectImageStatus', 'Only Available custom images can be copied.');
    }
    const { blobDigest: digest, diskFormat: format } = source;
    if (command.dryRun) throw new EcsError('DryRunOperation');
    return this.deps.tokens.run(command.accountId, command.clientToken, 'CopyImage', command.requestHash, async () => {
      const imageId = newResourceId('m');
      await this.deps.images.insert({
        imageId,
        regionId: command.destinationRegionId,
        imageName: command.imageName ?? source.imageName,
        description: command.description ?? source.description,
        osName: source.osName,
        osType: source.osType,
        platform: source.platform,
        architecture: source.architecture,
        sizeGiB: source.sizeGiB,
        status: 'Creating',
        ownerAlias: 'self',
        ownerAccountId: command.accountId,
        sourceKind: 'copy',
        sourceRef: source.imageId,
      });
      this.deps.log.info('image copy started', { imageId, sourceImageId: source.imageId, from: command.regionId, to: command.destinationRegionId });
      const content = { digest, sizeBytes: source.sizeBytes ?? 0, format, sizeGiB: source.sizeGiB };
      this.deps.jobs.start(imageId, async (signal) => {
        if (destinationStore === sourceStore) {
          const recorded = await sourceStore.reference(digest, () => this.deps.images.completeCreation(imageId, content));
          if (!recorded && (await sourceStore.sizeOf(digest)) === undefined) throw new ImageContentError('the source image was deleted before it could be copied');
          return;
        }
        await this.deps.ingest.run(sourceStore.read(digest), {
          imageId,
          regionId: command.destinationRegionId,
          store: destinationStore,
          maxBytes: content.sizeBytes,
          declaredFormat: format,
          expectedDigest: digest,
          signal,
        });
      });
      return { imageId };
    });
  }
}
