import type { ApiCall, ApiResult, ImageService } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import { optionalDescription } from '../params/ecs-names';
import { optionalBoolean, optionalString, requiredString } from '../params/scalars';
import type { TenantActionHandler, TenantApiDeps } from '../tenant-action';
import { optionalArchitecture, optionalImageName, optionalPlatform, refuseUnsupported } from './image-params';
import { imageRequestHash } from './request-hash';

/**
 * CreateImage from one of the caller's Stopped instances (its system disk). Snapshots do not exist
 * on this platform, so SnapshotId and DiskDeviceMapping are refused.
 */
export class CreateImageHandler implements TenantActionHandler {
  readonly action = 'CreateImage';

  constructor(
    private readonly deps: TenantApiDeps,
    private readonly images: ImageService,
  ) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    const params = call.params;
    refuseUnsupported(params, ['SnapshotId', 'DiskDeviceMapping.1.SnapshotId']);
    const instanceId = requiredString(params, 'InstanceId');
    const fields = {
      instanceId,
      imageName: optionalImageName(params),
      description: optionalDescription(params),
      platform: optionalPlatform(params),
      architecture: optionalArchitecture(params),
    };
    const dryRun = optionalBoolean(params, 'DryRun') ?? false;
    const page = await this.deps.control.describeInstances({ accountId: call.caller.accountId, regionId: this.deps.regionId, instanceIds: [instanceId], pageNumber: 1, pageSize: 1 });
    const instance = page.instances.find((candidate) => candidate.instanceId === instanceId);
    if (instance === undefined) throw new EcsError('InvalidInstanceId.NotFound');
    if (instance.status !== 'Stopped') throw new EcsError('IncorrectInstanceStatus', 'An image can only be created from a Stopped instance.');
    const { imageId } = await this.images.createImage({
      accountId: call.caller.accountId,
      regionId: this.deps.regionId,
      ...fields,
      sourceImageId: instance.imageId,
      clientToken: optionalString(params, 'ClientToken'),
      requestHash: imageRequestHash(this.action, fields),
      dryRun,
    });
    return { ImageId: imageId };
  }
}
