import type { ApiCall, ApiResult } from '@ecs/contracts';
import { optionalBoolean, requiredString } from '../../params/scalars';
import type { TenantActionHandler, TenantApiDeps } from '../../tenant-action';
import { actOnInstance } from './instance-action';

export class StartInstanceHandler implements TenantActionHandler {
  readonly action = 'StartInstance';

  constructor(private readonly deps: TenantApiDeps) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    await actOnInstance(this.deps.control, {
      accountId: call.caller.accountId,
      regionId: this.deps.regionId,
      instanceId: requiredString(call.params, 'InstanceId'),
      action: 'start',
      force: false,
      dryRun: optionalBoolean(call.params, 'DryRun') ?? false,
    });
    return {};
  }
}
