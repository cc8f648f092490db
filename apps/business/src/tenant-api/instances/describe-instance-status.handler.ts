import type { ApiCall, ApiResult } from '@ecs/contracts';
import { repeatedList } from '../params/lists';
import { pageRequest } from '../params/pagination';
import { optionalString } from '../params/scalars';
import type { TenantActionHandler, TenantApiDeps } from '../tenant-action';

export class DescribeInstanceStatusHandler implements TenantActionHandler {
  readonly action = 'DescribeInstanceStatus';

  constructor(private readonly deps: TenantApiDeps) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    const instanceIds = repeatedList(call.params, 'InstanceId', 100);
    const zoneId = optionalString(call.params, 'ZoneId');
    const page = pageRequest(call.params, { defaultSize: 10, maxSize: 50 });
    const result = await this.deps.control.describeInstances({
      accountId: call.caller.accountId,
      regionId: this.deps.regionId,
      ...(instanceIds.length > 0 && { instanceIds }),
      ...(zoneId !== undefined && { zoneId }),
      ...page,
    });
    return {
      InstanceStatuses: { InstanceStatus: result.instances.map((view) => ({ InstanceId: view.instanceId, Status: view.status })) },
      TotalCount: result.totalCount,
      PageNumber: result.pageNumber,
      PageSize: result.pageSize,
    };
  }
}
