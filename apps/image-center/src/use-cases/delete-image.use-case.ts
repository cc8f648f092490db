import type { DeleteImageCommand } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import type { ImageCenterDeps } from '../image-center-deps';

/**
 * DeleteImage of the caller's custom image. Refused while the image is still being created, and
 * while instances created from it exist unless forced (they keep their own disks either way). The
 * blob goes when no image of the region names it any more.
 */
export class DeleteImage {
  constructor(private readonly deps: ImageCenterDeps) {}

  async execute(command: DeleteImageCommand): Promise<void> {
    const store = this.deps.stores.of(command.regionId);
    const image = await this.deps.images.owned(command.accountId, command.regionId, command.imageId);
    if (image === undefined) throw new EcsError('InvalidImageId.NotFound');
    if (image.status === 'Creating') throw new EcsError('IncorrectImageStatus', 'The image is still being created.');
    if (!command.force) {
      const users = await this.deps.usage.instancesUsing(image.imageId);
      if (users.length > 0) throw new EcsError('ImageUsingByInstance');
    }
    if (command.dryRun) throw new EcsError('DryRunOperation');
    const deleted = await this.deps.images.delete(command.accountId, command.regionId, image.imageId, ['Available', 'UnAvailable', 'CreateFailed']);
    if (!deleted) throw new EcsError('IncorrectImageStatus');
    this.deps.log.info('image deleted', { imageId: image.imageId, accountId: command.accountId, forced: command.force });
    const digest = image.blobDigest;
    if (digest !== undefined) await store.removeIfUnreferenced(digest, () => this.deps.images.blobReferenced(command.regionId, digest));
  }
}
