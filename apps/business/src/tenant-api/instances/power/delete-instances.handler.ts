import type { ApiCall, ApiResult } from '@ecs/contracts';
import { optionalBoolean } from '../../params/scalars';
import type { TenantActionHandler, TenantApiDeps } from '../../tenant-action';
import { actOnInstances, batchInstanceIds } from './instance-action';

/**
 * ECS DeleteInstances has no BatchOptimization and answers with nothing but a RequestId, so it is
 * all-or-nothing: the first instance that fails its precheck is the call's error.
 */
export class DeleteInstancesHandler implements TenantActionHandler {
  readonly action = 'DeleteInstances';

  constructor(private readonly deps: TenantApiDeps) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    await actOnInstances(this.deps.control, {
      accountId: call.caller.accountId,
      regionId: this.deps.regionId,
      instanceIds: batchInstanceIds(call.params),
      action: 'delete',
      force: optionalBoolean(call.params, 'Force') ?? false,
      batchMode: 'AllTogether',
      dryRun: optionalBoolean(call.params, 'DryRun') ?? false,
    });
    return {};
  }
}
