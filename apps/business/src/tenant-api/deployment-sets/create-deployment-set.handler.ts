import type { ApiCall, ApiResult } from '@ecs/contracts';
import { EcsError } from '@ecs/domain';
import { isValidDescription, isValidInstanceName } from '../params/ecs-names';
import { optionalString } from '../params/scalars';
import type { TenantActionHandler, TenantApiDeps } from '../tenant-action';

/** Only the Availability strategy (one member per host) is offered; the others are refused clearly. */
export class CreateDeploymentSetHandler implements TenantActionHandler {
  readonly action = 'CreateDeploymentSet';

  constructor(private readonly deps: TenantApiDeps) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    const name = optionalString(call.params, 'DeploymentSetName') ?? '';
    if (name !== '' && !isValidInstanceName(name)) throw EcsError.invalid('DeploymentSetName', '2–128 characters, starting with a letter; letters, digits, ".", "_", "-" and ":".');
    const description = optionalString(call.params, 'Description') ?? '';
    if (description !== '' && !isValidDescription(description)) throw new EcsError('InvalidDescription.Malformed');
    const strategy = optionalString(call.params, 'Strategy') ?? 'Availability';
    if (strategy !== 'Availability') throw EcsError.invalid('Strategy', `only "Availability" is supported here, not "${strategy}".`);
    const { deploymentSetId } = await this.deps.control.createDeploymentSet({ accountId: call.caller.accountId, regionId: this.deps.regionId, name, description, strategy });
    return { DeploymentSetId: deploymentSetId };
  }
}
