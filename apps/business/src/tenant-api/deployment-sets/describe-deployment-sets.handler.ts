import type { ApiCall, ApiResult } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import { jsonStringArray } from '../params/lists';
import { pageRequest } from '../params/pagination';
import { optionalString } from '../params/scalars';
import { ecsMinuteTime } from '../shape/ecs-time';
import type { TenantActionHandler, TenantApiDeps } from '../tenant-action';

export class DescribeDeploymentSetsHandler implements TenantActionHandler {
  readonly action = 'DescribeDeploymentSets';

  constructor(private readonly deps: TenantApiDeps) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    const deploymentSetIds = jsonStringArray(call.params, 'DeploymentSetIds', 100);
    const name = optionalString(call.params, 'DeploymentSetName');
    const strategy = optionalString(call.params, 'Strategy');
    if (strategy !== undefined && strategy !== 'Availability') throw EcsError.invalid('Strategy', `unknown strategy "${strategy}".`);
    const page = pageRequest(call.params, { defaultSize: 10, maxSize: 50 });
    const { sets, totalCount } = await this.deps.control.describeDeploymentSets({
      accountId: call.caller.accountId,
      regionId: this.deps.regionId,
      ...(deploymentSetIds !== undefined && { deploymentSetIds }),
      ...(name !== undefined && { name }),
      pageNumber: page.pageNumber,
      pageSize: page.pageSize,
    });
    return {
      RegionId: this.deps.regionId,
      TotalCount: totalCount,
      PageNumber: page.pageNumber,
      PageSize: page.pageSize,
      DeploymentSets: {
        DeploymentSet: sets.map((s) => ({
          DeploymentSetId: s.deploymentSetId,
          DeploymentSetName: s.name,
          DeploymentSetDescription: s.description,
          DeploymentStrategy: s.strategy,
          Strategy: s.strategy,
          Domain: 'Default',
          Granularity: 'Host',
          CreationTime: ecsMinuteTime(s.creationTime),
          InstanceAmount: s.instanceIds.length,
          InstanceIds: { InstanceId: [...s.instanceIds] },
        })),
      },
    };
  }
}
