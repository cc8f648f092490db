import type { CatalogReader, ZoneTypeStock } from '@ecs/contracts';
import { stockByZone } from '@ecs/scheduler';
import type { FleetView } from '../../fleet/fleet-view';

/** Free capacity per zone and type, read from the same ledger the scheduler claims from. */
export class ReadStockUseCase {
  constructor(
    private readonly catalog: CatalogReader,
    private readonly fleet: FleetView,
    private readonly defaultDiskGiB: number,
  ) {}

  async execute(regionId: string): Promise<ZoneTypeStock[]> {
    const [zones, types] = await Promise.all([this.catalog.zones(regionId), this.catalog.instanceTypes()]);
    // Stock is read from the ledger itself, not from the placement index that may lag it.
    await this.fleet.refreshAll();
    const hosts = this.fleet.hostStates();
    const out: ZoneTypeStock[] = [];
    for (const type of types) {
      const byZone = stockByZone({ vcpus: type.vcpus, memoryMiB: type.memoryGiB * 1024, diskGiB: this.defaultDiskGiB, hostClass: type.hostClass }, hosts);
      for (const zone of zones) out.push({ zoneId: zone.zoneId, instanceTypeId: type.instanceTypeId, availableCount: byZone.get(zone.zoneId) ?? 0 });
    }
    return out;
  }
}
