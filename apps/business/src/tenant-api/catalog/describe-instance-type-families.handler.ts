import type { ApiCall, ApiResult } from '@ecs/contracts';
import { optionalString } from '../params/scalars';
import type { TenantActionHandler, TenantApiDeps } from '../tenant-action';

interface DescribeInstanceTypeFamiliesCommand {
  readonly generation: string | undefined;
}

/** Families offered in this region: those with at least one type that has a sale spec here. */
export class DescribeInstanceTypeFamiliesHandler implements TenantActionHandler {
  readonly action = 'DescribeInstanceTypeFamilies';

  constructor(private readonly deps: TenantApiDeps) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    const command: DescribeInstanceTypeFamiliesCommand = { generation: optionalString(call.params, 'Generation') };
    const [families, types, specs] = await Promise.all([
      this.deps.catalog.families(),
      this.deps.catalog.instanceTypes(),
      this.deps.catalog.saleSpecs(this.deps.regionId),
    ]);
    const specTypes = new Set(specs.map((spec) => spec.instanceTypeId));
    const offeredFamilies = new Set(types.filter((type) => specTypes.has(type.instanceTypeId)).map((type) => type.familyId));
    return {
      InstanceTypeFamilies: {
        InstanceTypeFamily: families
          .filter((family) => offeredFamilies.has(family.familyId))
          .filter((family) => command.generation === undefined || family.generation === command.generation)
          .map((family) => ({ InstanceTypeFamilyId: family.familyId, Generation: family.generation })),
      },
    };
  }
}
