import type { ApiCall, ApiResult, SaleSpecRecord, ZoneTypeStock } from '@ecs/contracts';
import { optionalString, requiredEnum } from '../params/scalars';
import type { TenantActionHandler, TenantApiDeps } from '../tenant-action';
import { availabilityOf, bestAvailability, type Availability } from './resource-availability';

const DESTINATIONS = ['Zone', 'InstanceType'] as const;
type DestinationResource = (typeof DESTINATIONS)[number];

interface DescribeAvailableResourceCommand {
  readonly destination: DestinationResource;
  readonly zoneId: string | undefined;
  readonly instanceType: string | undefined;
}

interface OfferedType {
  readonly instanceTypeId: string;
  readonly availability: Availability;
}

type FreeCount = (zoneId: string, instanceTypeId: string) => number;

/** Availability per zone, from the sale specs (open or closed) and control's capacity ledger (stock). */
export class DescribeAvailableResourceHandler implements TenantActionHandler {
  readonly action = 'DescribeAvailableResource';

  constructor(private readonly deps: TenantApiDeps) {}

  async handle(call: ApiCall): Promise<ApiResult> {
    const command: DescribeAvailableResourceCommand = {
      destination: requiredEnum(call.params, 'DestinationResource', DESTINATIONS),
      zoneId: optionalString(call.params, 'ZoneId'),
      instanceType: optionalString(call.params, 'InstanceType'),
    };
    const { regionId, catalog, control } = this.deps;
    const [zones, specs, stock] = await Promise.all([catalog.zones(regionId), catalog.saleSpecs(regionId), control.stock(regionId)]);
    const freeCount = freeCounts(stock);
    const availableZones = zones
      .filter((zone) => command.zoneId === undefined || zone.zoneId === command.zoneId)
      .map((zone) => ({ zoneId: zone.zoneId, offered: offeredTypes(zone.zoneId, specs, freeCount, command) }))
      .filter((zone) => zone.offered.length > 0)
      .map((zone) => toAvailableZone(regionId, zone.zoneId, command.destination, zone.offered));
    return { AvailableZones: { AvailableZone: availableZones } };
  }
}

/** A (zone, type) pair the capacity ledger does not mention has no room. */
function freeCounts(stock: readonly ZoneTypeStock[]): FreeCount {
  const byKey = new Map(stock.map((row) => [`${row.zoneId}\n${row.instanceTypeId}`, row.availableCount]));
  return (zoneId, instanceTypeId) => byKey.get(`${zoneId}\n${instanceTypeId}`) ?? 0;
}

function offeredTypes(
  zoneId: string,
  specs: readonly SaleSpecRecord[],
  freeCount: FreeCount,
  command: DescribeAvailableResourceCommand,
): OfferedType[] {
  return specs
    .filter((spec) => spec.zoneId === zoneId)
    .filter((spec) => command.instanceType === undefined || spec.instanceTypeId === command.instanceType)
    .map((spec) => ({
      instanceTypeId: spec.instanceTypeId,
      availability: availabilityOf(spec.onSale, freeCount(zoneId, spec.instanceTypeId)),
    }))
    .sort((a, b) => (a.instanceTypeId < b.instanceTypeId ? -1 : 1));
}

function toAvailableZone(
  regionId: string,
  zoneId: string,
  destination: DestinationResource,
  offered: readonly OfferedType[],
): Record<string, unknown> {
  const zone = bestAvailability(offered.map((offer) => offer.availability));
  return {
    RegionId: regionId,
    ZoneId: zoneId,
    Status: zone.status,
    StatusCategory: zone.statusCategory,
    AvailableResources: {
      AvailableResource: [{ Type: destination, SupportedResources: { SupportedResource: supported(destination, zoneId, zone, offered) } }],
    },
  };
}

function supported(
  destination: DestinationResource,
  zoneId: string,
  zone: Availability,
  offered: readonly OfferedType[],
): Array<Record<string, unknown>> {
  switch (destination) {
    case 'Zone':
      return [{ Value: zoneId, Status: zone.status, StatusCategory: zone.statusCategory }];
    case 'InstanceType':
      return offered.map((offer) => ({
        Value: offer.instanceTypeId,
        Status: offer.availability.status,
        StatusCategory: offer.availability.statusCategory,
      }));
  }
}
