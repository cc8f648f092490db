import type { ApiCall, ApiResult } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import type { TenantActionHandler, TenantApiDeps } from '../tenant-action';
import { buildLaunchCommand } from './launch/launch-command';
import { parseLaunchRequest } from './launch/launch-request';

/** Creates one instance and leaves it Stopped, as ECS CreateInstance does. */
export class CreateInstanceHandler implements TenantActionHandler {
  readonly action = 'CreateInstance';

  constructor(private readonly deps: TenantApiDeps) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    const request = parseLaunchRequest(call.params, 'CreateInstance');
    const command = await buildLaunchCommand(this.deps.catalog, this.deps.regionId, call.caller.accountId, request);
    const { instanceIds } = await this.deps.control.launchInstances(command);
    const [instanceId] = instanceIds;
    if (instanceId === undefined) throw new EcsError('InternalError', 'Control created no instance.');
    return { InstanceId: instanceId };
  }
}
