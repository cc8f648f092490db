import type { ApiCall, ApiResult } from '@ecs/contracts';
import { optionalBoolean, optionalEnum } from '../../params/scalars';
import type { TenantActionHandler, TenantApiDeps } from '../../tenant-action';
import { actOnInstances, batchInstanceIds, batchMode, instanceResponses } from './instance-action';
import { STOPPED_MODES } from './stopped-mode';

export class StopInstancesHandler implements TenantActionHandler {
  readonly action = 'StopInstances';

  constructor(private readonly deps: TenantApiDeps) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    const instanceIds = batchInstanceIds(call.params);
    const stoppedMode = optionalEnum(call.params, 'StoppedMode', STOPPED_MODES);
    const results = await actOnInstances(this.deps.control, {
      accountId: call.caller.accountId,
      regionId: this.deps.regionId,
      instanceIds,
      action: 'stop',
      force: optionalBoolean(call.params, 'ForceStop') ?? false,
      ...(stoppedMode !== undefined && { stoppedMode }),
      batchMode: batchMode(call.params),
      dryRun: optionalBoolean(call.params, 'DryRun') ?? false,
    });
    return instanceResponses(results);
  }
}
