import type { ApiCall, ApiResult } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import { requiredString } from '../params/scalars';
import type { TenantActionHandler, TenantApiDeps } from '../tenant-action';
import { toEcsInstanceAttribute } from './ecs-instance-shape';

export class DescribeInstanceAttributeHandler implements TenantActionHandler {
  readonly action = 'DescribeInstanceAttribute';

  constructor(private readonly deps: TenantApiDeps) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    const instanceId = requiredString(call.params, 'InstanceId');
    const page = await this.deps.control.describeInstances({
      accountId: call.caller.accountId,
      regionId: this.deps.regionId,
      instanceIds: [instanceId],
      pageNumber: 1,
      pageSize: 1,
    });
    const view = page.instances.find((candidate) => candidate.instanceId === instanceId);
    if (view === undefined) throw new EcsError('InvalidInstanceId.NotFound');
    return toEcsInstanceAttribute(view);
  }
}
