import type { ApiCall, ApiResult, InstanceTypeRecord } from '@ecs/contracts';
import { repeatedList } from '../params/lists';
import { optionalInteger, optionalString } from '../params/scalars';
import type { TenantActionHandler, TenantApiDeps } from '../tenant-action';

interface DescribeInstanceTypesCommand {
  readonly instanceTypes: readonly string[];
  readonly family: string | undefined;
  readonly maxResults: number;
  /** The last InstanceTypeId of the previous page: types are listed in id order. */
  readonly nextToken: string | undefined;
}

export class DescribeInstanceTypesHandler implements TenantActionHandler {
  readonly action = 'DescribeInstanceTypes';

  constructor(private readonly deps: TenantApiDeps) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    const command: DescribeInstanceTypesCommand = {
      instanceTypes: repeatedList(call.params, 'InstanceTypes', 10),
      family: optionalString(call.params, 'InstanceTypeFamily'),
      maxResults: optionalInteger(call.params, 'MaxResults', { min: 1, max: 1600 }) ?? 250,
      nextToken: optionalString(call.params, 'NextToken'),
    };
    const matching = (await this.deps.catalog.instanceTypes())
      .filter((type) => matches(type, command))
      .sort((a, b) => compareIds(a.instanceTypeId, b.instanceTypeId));
    const page = matching.slice(0, command.maxResults);
    const more = matching.length > page.length;
    return {
      InstanceTypes: {
        InstanceType: page.map((type) => ({
          InstanceTypeId: type.instanceTypeId,
          InstanceTypeFamily: type.familyId,
          CpuCoreCount: type.vcpus,
          MemorySize: type.memoryGiB,
        })),
      },
      NextToken: more ? page[page.length - 1].instanceTypeId : '',
    };
  }
}

function matches(type: InstanceTypeRecord, command: DescribeInstanceTypesCommand): boolean {
  if (command.instanceTypes.length > 0 && !command.instanceTypes.includes(type.instanceTypeId)) return false;
  if (command.family !== undefined && type.familyId !== command.family) return false;
  return command.nextToken === undefined || compareIds(type.instanceTypeId, command.nextToken) > 0;
}

function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
