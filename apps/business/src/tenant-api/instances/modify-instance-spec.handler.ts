import type { ApiCall, ApiResult } from '@ecs/contracts';
import { optionalBoolean, requiredString } from '../params/scalars';
import type { TenantActionHandler, TenantApiDeps } from '../tenant-action';
import { assertOnSaleInZone } from './launch/sale-check';

/** Cold resize of a Stopped instance to another on-sale type of its zone. */
export class ModifyInstanceSpecHandler implements TenantActionHandler {
  readonly action = 'ModifyInstanceSpec';

  constructor(private readonly deps: TenantApiDeps) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    const instanceId = requiredString(call.params, 'InstanceId');
    const instanceType = requiredString(call.params, 'InstanceType');
    const dryRun = optionalBoolean(call.params, 'DryRun') ?? false;
    const { accountId } = call.caller;
    const page = await this.deps.control.describeInstances({ accountId, regionId: this.deps.regionId, instanceIds: [instanceId], pageNumber: 1, pageSize: 1 });
    const current = page.instances[0];
    if (current) await assertOnSaleInZone(this.deps.catalog, this.deps.regionId, current.zoneId, instanceType);
    await this.deps.control.modifyInstanceSpec({ accountId, regionId: this.deps.regionId, instanceId, instanceType, dryRun });
    return {};
  }
}
