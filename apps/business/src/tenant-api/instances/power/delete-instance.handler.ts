import type { ApiCall, ApiResult } from '@ecs/contracts';
import { optionalBoolean, requiredString } from '../../params/scalars';
import type { TenantActionHandler, TenantApiDeps } from '../../tenant-action';
import { actOnInstance } from './instance-action';

/** Deletes a Stopped instance; with Force=true, one in any status. */
export class DeleteInstanceHandler implements TenantActionHandler {
  readonly action = 'DeleteInstance';

  constructor(private readonly deps: TenantApiDeps) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    await actOnInstance(this.deps.control, {
      accountId: call.caller.accountId,
      regionId: this.deps.regionId,
      instanceId: requiredString(call.params, 'InstanceId'),
      action: 'delete',
      force: optionalBoolean(call.params, 'Force') ?? false,
      dryRun: optionalBoolean(call.params, 'DryRun') ?? false,
    });
    return {};
  }
}
