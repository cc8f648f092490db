import type { ApiCall, ApiResult } from '@ecs/contracts';
import { optionalBoolean } from '../../params/scalars';
import type { TenantActionHandler, TenantApiDeps } from '../../tenant-action';
import { actOnInstances, batchInstanceIds, batchMode, instanceResponses } from './instance-action';

export class StartInstancesHandler implements TenantActionHandler {
  readonly action = 'StartInstances';

  constructor(private readonly deps: TenantApiDeps) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    const results = await actOnInstances(this.deps.control, {
      accountId: call.caller.accountId,
      regionId: this.deps.regionId,
      instanceIds: batchInstanceIds(call.params),
      action: 'start',
      force: false,
      batchMode: batchMode(call.params),
      dryRun: optionalBoolean(call.params, 'DryRun') ?? false,
    });
    return instanceResponses(results);
  }
}
