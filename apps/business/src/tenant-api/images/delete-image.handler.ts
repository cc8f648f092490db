import type { ApiCall, ApiResult, ImageService } from '@ecs/contracts';
import { optionalBoolean, requiredString } from '../params/scalars';
import type { TenantActionHandler, TenantApiDeps } from '../tenant-action';

/** DeleteImage of one of the caller's custom images; refused while instances use it unless Force. */
export class DeleteImageHandler implements TenantActionHandler {
  readonly action = 'DeleteImage';

  constructor(
    private readonly deps: TenantApiDeps,
    private readonly images: ImageService,
  ) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    await this.images.deleteImage({
      accountId: call.caller.accountId,
      regionId: this.deps.regionId,
      imageId: requiredString(call.params, 'ImageId'),
      force: optionalBoolean(call.params, 'Force') ?? false,
      dryRun: optionalBoolean(call.params, 'DryRun') ?? false,
    });
    return {};
  }
}
