import type { ApiCall, ApiResult } from '@ecs/contracts';
import { optionalDescription, optionalHostName, optionalInstanceName } from '../params/ecs-names';
import { requiredString } from '../params/scalars';
import { optionalUserData } from '../params/user-data';
import type { TenantActionHandler, TenantApiDeps } from '../tenant-action';

/** Renames or re-describes an instance; control decides which changes need it Stopped (UserData). */
export class ModifyInstanceAttributeHandler implements TenantActionHandler {
  readonly action = 'ModifyInstanceAttribute';

  constructor(private readonly deps: TenantApiDeps) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    const instanceId = requiredString(call.params, 'InstanceId');
    const instanceName = optionalInstanceName(call.params);
    const hostName = optionalHostName(call.params);
    const description = optionalDescription(call.params);
    const userData = optionalUserData(call.params);
    await this.deps.control.modifyInstanceAttribute({
      accountId: call.caller.accountId,
      regionId: this.deps.regionId,
      instanceId,
      ...(instanceName !== undefined && { instanceName }),
      ...(hostName !== undefined && { hostName }),
      ...(description !== undefined && { description }),
      ...(userData !== undefined && { userData }),
    });
    return {};
  }
}
