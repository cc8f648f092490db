import type { ApiCall, ApiResult } from '@ecs/contracts';
import { optionalBoolean, optionalEnum, requiredString } from '../../params/scalars';
import type { TenantActionHandler, TenantApiDeps } from '../../tenant-action';
import { actOnInstance } from './instance-action';
import { STOPPED_MODES } from './stopped-mode';

export class StopInstanceHandler implements TenantActionHandler {
  readonly action = 'StopInstance';

  constructor(private readonly deps: TenantApiDeps) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    const instanceId = requiredString(call.params, 'InstanceId');
    const stoppedMode = optionalEnum(call.params, 'StoppedMode', STOPPED_MODES);
    await actOnInstance(this.deps.control, {
      accountId: call.caller.accountId,
      regionId: this.deps.regionId,
      instanceId,
      action: 'stop',
      force: optionalBoolean(call.params, 'ForceStop') ?? false,
      ...(stoppedMode !== undefined && { stoppedMode }),
      dryRun: optionalBoolean(call.params, 'DryRun') ?? false,
    });
    return {};
  }
}
