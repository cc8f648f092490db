import type { ApiCall, ApiResult } from '@ecs/contracts';
import { requiredString } from '../params/scalars';
import type { TenantActionHandler, TenantApiDeps } from '../tenant-action';

export class DeleteDeploymentSetHandler implements TenantActionHandler {
  readonly action = 'DeleteDeploymentSet';

  constructor(private readonly deps: TenantApiDeps) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    await this.deps.control.deleteDeploymentSet(call.caller.accountId, this.deps.regionId, requiredString(call.params, 'DeploymentSetId'));
    return {};
  }
}
