import type { ApiCall, ApiResult } from '@ecs/contracts';
import { optionalBoolean, requiredString } from '../../params/scalars';
import type { TenantActionHandler, TenantApiDeps } from '../../tenant-action';
import { actOnInstance } from './instance-action';

export class RebootInstanceHandler implements TenantActionHandler {
  readonly action = 'RebootInstance';

  constructor(private readonly deps: TenantApiDeps) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    await actOnInstance(this.deps.control, {
      accountId: call.caller.accountId,
      regionId: this.deps.regionId,
      instanceId: requiredString(call.params, 'InstanceId'),
      action: 'reboot',
      force: optionalBoolean(call.params, 'ForceStop') ?? false,
      dryRun: optionalBoolean(call.params, 'DryRun') ?? false,
    });
    return {};
  }
}
