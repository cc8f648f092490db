import type { ApiCall, ApiResult, ImageService } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import { optionalBoolean, optionalString, requiredString } from '../params/scalars';
import type { TenantActionHandler, TenantApiDeps } from '../tenant-action';
import { optionalDescriptionNamed, optionalImageName, refuseUnsupported } from './image-params';
import { imageRequestHash } from './request-hash';

/** CopyImage of one of the caller's Available custom images into a region (this one when none is named). */
export class CopyImageHandler implements TenantActionHandler {
  readonly action = 'CopyImage';

  constructor(
    private readonly deps: TenantApiDeps,
    private readonly images: ImageService,
  ) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    const params = call.params;
    refuseUnsupported(params, ['KMSKeyId', 'EncryptAlgorithm']);
    if (optionalBoolean(params, 'Encrypted') === true) throw EcsError.invalid('Encrypted', 'encrypted images are not supported on this platform');
    const fields = {
      imageId: requiredString(params, 'ImageId'),
      destinationRegionId: optionalString(params, 'DestinationRegionId') ?? this.deps.regionId,
      imageName: optionalImageName(params, 'DestinationImageName'),
      description: optionalDescriptionNamed(params, 'DestinationDescription'),
    };
    const { imageId } = await this.images.copyImage({
      accountId: call.caller.accountId,
      regionId: this.deps.regionId,
      ...fields,
      clientToken: optionalString(params, 'ClientToken'),
      requestHash: imageRequestHash(this.action, fields),
      dryRun: optionalBoolean(params, 'DryRun') ?? false,
    });
    return { ImageId: imageId };
  }
}
