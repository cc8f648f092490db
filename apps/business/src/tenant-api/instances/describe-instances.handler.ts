import type { ApiCall, ApiResult, InstanceQuery } from '@ecs/contracts';
import { VISIBLE_INSTANCE_STATUSES } from '@ecs/domain';
import { jsonStringArray } from '../params/lists';
import { pageRequest } from '../params/pagination';
import { optionalEnum, optionalInteger, optionalString, type Params } from '../params/scalars';
import { parseTags } from '../params/tags';
import type { TenantActionHandler, TenantApiDeps } from '../tenant-action';
import { toEcsInstance } from './ecs-instance-shape';

const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 10;

type DescribeInstancesCommand = Omit<InstanceQuery, 'accountId' | 'regionId'>;

export class DescribeInstancesHandler implements TenantActionHandler {
  readonly action = 'DescribeInstances';

  constructor(private readonly deps: TenantApiDeps) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    const command = parseCommand(call.params);
    const { accountId } = call.caller;
    const page = await this.deps.control.describeInstances({ ...command, accountId, regionId: this.deps.regionId });
    const byToken = command.nextToken !== undefined || command.maxResults !== undefined;
    return {
      Instances: { Instance: page.instances.map(toEcsInstance) },
      TotalCount: page.totalCount,
      // ECS answers token paging with NextToken ("" on the last page) and number paging with the page's position.
      ...(byToken ? { NextToken: page.nextToken ?? '' } : { PageNumber: page.pageNumber, PageSize: page.pageSize }),
    };
  }
}

/** Token paging (NextToken/MaxResults) wins over number paging when both are sent, as in ECS. */
function parseCommand(params: Params): DescribeInstancesCommand {
  const nextToken = optionalString(params, 'NextToken');
  const maxResults = optionalInteger(params, 'MaxResults', { min: 1, max: MAX_PAGE_SIZE });
  const paging =
    nextToken !== undefined || maxResults !== undefined
      ? { ...(nextToken !== undefined && { nextToken }), maxResults: maxResults ?? DEFAULT_PAGE_SIZE }
      : pageRequest(params, { defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE });
  const instanceIds = jsonStringArray(params, 'InstanceIds', MAX_PAGE_SIZE);
  const zoneId = optionalString(params, 'ZoneId');
  const status = optionalEnum(params, 'Status', VISIBLE_INSTANCE_STATUSES);
  const instanceType = optionalString(params, 'InstanceType');
  const instanceName = optionalString(params, 'InstanceName');
  const tags = parseTags(params, 'filter');
  return {
    ...(instanceIds !== undefined && { instanceIds }),
    ...(zoneId !== undefined && { zoneId }),
    ...(status !== undefined && { status }),
    ...(instanceType !== undefined && { instanceType }),
    ...(instanceName !== undefined && { instanceName }),
    ...(tags.length > 0 && { tags }),
    ...paging,
  };
}
