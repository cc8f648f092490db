import type { ApiCall, ApiResult } from '@ecs/contracts';
import type { TenantActionHandler, TenantApiDeps } from '../tenant-action';
import { buildLaunchCommand } from './launch/launch-command';
import { parseLaunchRequest } from './launch/launch-request';

/** Launches 1–100 instances and boots them. OrderId and TradePrice are omitted: nothing is ordered. */
export class RunInstancesHandler implements TenantActionHandler {
  readonly action = 'RunInstances';

  constructor(private readonly deps: TenantApiDeps) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    const request = parseLaunchRequest(call.params, 'RunInstances');
    const command = await buildLaunchCommand(this.deps.catalog, this.deps.regionId, call.caller.accountId, request);
    const { instanceIds } = await this.deps.control.launchInstances(command);
    return { InstanceIdSets: { InstanceIdSet: instanceIds } };
  }
}
