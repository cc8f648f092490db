import type { ApiCall, ApiResult, ImageService } from '@ecs/contracts';
import { optionalDescription } from '../params/ecs-names';
import { optionalBoolean, requiredString } from '../params/scalars';
import type { TenantActionHandler, TenantApiDeps } from '../tenant-action';
import { optionalImageName, refuseUnsupported } from './image-params';

/** Renames or re-describes one of the caller's custom images; image families, boot modes and deprecation do not exist here. */
export class ModifyImageAttributeHandler implements TenantActionHandler {
  readonly action = 'ModifyImageAttribute';

  constructor(
    private readonly deps: TenantApiDeps,
    private readonly images: ImageService,
  ) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    refuseUnsupported(call.params, ['Status', 'ImageFamily', 'BootMode', 'LicenseType']);
    await this.images.modifyImageAttribute({
      accountId: call.caller.accountId,
      regionId: this.deps.regionId,
      imageId: requiredString(call.params, 'ImageId'),
      imageName: optionalImageName(call.params),
      description: optionalDescription(call.params),
      dryRun: optionalBoolean(call.params, 'DryRun') ?? false,
    });
    return {};
  }
}
