import type { ApiCall, ApiResult } from '@ecs/contracts';
import { optionalBoolean } from '../../params/scalars';
import type { TenantActionHandler, TenantApiDeps } from '../../tenant-action';
import { actOnInstances, batchInstanceIds, batchMode, instanceResponses } from './instance-action';

export class RebootInstancesHandler implements TenantActionHandler {
  readonly action = 'RebootInstances';

  constructor(private readonly deps: TenantApiDeps) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    const results = await actOnInstances(this.deps.control, {
      accountId: call.caller.accountId,
      regionId: this.deps.regionId,
      instanceIds: batchInstanceIds(call.params),
      action: 'reboot',
      // The batch form names it ForceReboot where RebootInstance says ForceStop.
      force: optionalBoolean(call.params, 'ForceReboot') ?? false,
      batchMode: batchMode(call.params),
      dryRun: optionalBoolean(call.params, 'DryRun') ?? false,
    });
    return instanceResponses(results);
  }
}
