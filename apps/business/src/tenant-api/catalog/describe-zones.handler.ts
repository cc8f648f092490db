import type { ApiCall, ApiResult, SaleSpecRecord, ZoneRecord } from '@ecs/contracts';
import { optionalBoolean } from '../params/scalars';
import type { TenantActionHandler, TenantApiDeps } from '../tenant-action';

interface DescribeZonesCommand {
  /** ECS `Verbose`: false lists only ZoneId and LocalName. */
  readonly verbose: boolean;
}

export class DescribeZonesHandler implements TenantActionHandler {
  readonly action = 'DescribeZones';

  constructor(private readonly deps: TenantApiDeps) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    const command: DescribeZonesCommand = { verbose: optionalBoolean(call.params, 'Verbose') ?? true };
    const [zones, specs] = await Promise.all([
      this.deps.catalog.zones(this.deps.regionId),
      this.deps.catalog.saleSpecs(this.deps.regionId),
    ]);
    return { Zones: { Zone: zones.map((zone) => (command.verbose ? verboseZone(zone, specs) : briefZone(zone))) } };
  }
}

function briefZone(zone: ZoneRecord): Record<string, unknown> {
  return { ZoneId: zone.zoneId, LocalName: zone.localName };
}

function verboseZone(zone: ZoneRecord, specs: readonly SaleSpecRecord[]): Record<string, unknown> {
  const onSale = specs
    .filter((spec) => spec.zoneId === zone.zoneId && spec.onSale)
    .map((spec) => spec.instanceTypeId)
    .sort();
  return {
    ...briefZone(zone),
    ZoneType: 'AvailabilityZone',
    AvailableInstanceTypes: { InstanceTypes: onSale },
  };
}
