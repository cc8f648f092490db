import type { ModifyImageAttributeCommand } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import type { ImageCenterDeps } from '../image-center-deps';

/** Renames or re-describes one of the caller's custom images, in any status. */
export class ModifyImageAttribute {
  constructor(private readonly deps: ImageCenterDeps) {}

  async execute(command: ModifyImageAttributeCommand): Promise<void> {
    this.deps.stores.of(command.regionId);
    if (command.dryRun) {
      if ((await this.deps.images.owned(command.accountId, command.regionId, command.imageId)) === undefined) throw new EcsError('InvalidImageId.NotFound');
      throw new EcsError('DryRunOperation');
    }
    const changed = await this.deps.images.modify(command.accountId, command.regionId, command.imageId, {
      ...(command.imageName !== undefined && { imageName: command.imageName }),
      ...(command.description !== undefined && { description: command.description }),
    });
    if (!changed) throw new EcsError('InvalidImageId.NotFound');
  }
}
