import type { ApiCall, ApiResult, ImageService } from '@ecs/contracts';
import { optionalDescription } from '../params/ecs-names';
import { optionalBoolean, optionalString } from '../params/scalars';
import type { TenantActionHandler, TenantApiDeps } from '../tenant-action';
import { importedOs, optionalDiskFormat, optionalImageName, refuseUnsupported } from './image-params';
import { importUrl } from './import-source';
import { imageRequestHash } from './request-hash';

/** ImportImage: a qcow2 or raw system disk from an http(s) URL becomes a custom image (Creating, then Available). */
export class ImportImageHandler implements TenantActionHandler {
  readonly action = 'ImportImage';

  constructor(
    private readonly deps: TenantApiDeps,
    private readonly images: ImageService,
  ) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    const params = call.params;
    refuseUnsupported(params, ['RoleName', 'StorageLocationArn']);
    const fields = {
      url: importUrl(params),
      declaredFormat: optionalDiskFormat(params, 'DiskDeviceMapping.1.Format'),
      imageName: optionalImageName(params),
      description: optionalDescription(params),
      os: importedOs(params),
    };
    const { imageId, taskId } = await this.images.importImage({
      accountId: call.caller.accountId,
      regionId: this.deps.regionId,
      ...fields,
      clientToken: optionalString(params, 'ClientToken'),
      requestHash: imageRequestHash(this.action, fields),
      dryRun: optionalBoolean(params, 'DryRun') ?? false,
    });
    return { ImageId: imageId, RegionId: this.deps.regionId, TaskId: taskId };
  }
}
