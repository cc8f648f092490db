import type { CatalogReader, ControlApi, InstanceTypeRecord, ZoneRecord } from '@ecs/contracts';

export interface SaleCell {
  readonly zoneId: string;
  readonly instanceTypeId: string;
  readonly onSale: boolean;
  /** How many more instances of the type fit in the zone: the capacity ledger the scheduler claims from. */
  readonly availableCount: number;
  readonly pricePerHour: number;
  readonly currency: string;
}

export interface SaleMatrix {
  readonly regionId: string;
  readonly zones: ZoneRecord[];
  readonly instanceTypes: InstanceTypeRecord[];
  readonly cells: SaleCell[];
}

/** Instance type × zone: sale status, price and stock, for the console's sale matrix and price list. */
export class SaleMatrixQuery {
  constructor(
    private readonly catalog: CatalogReader,
    private readonly control: Pick<ControlApi, 'stock'>,
    private readonly regionId: string,
  ) {}

  async execute(): Promise<SaleMatrix> {
    const [zones, instanceTypes, specs, stock] = await Promise.all([
      this.catalog.zones(this.regionId),
      this.catalog.instanceTypes(),
      this.catalog.saleSpecs(this.regionId),
      this.control.stock(this.regionId),
    ]);
    const free = new Map(stock.map((s) => [`${s.zoneId}/${s.instanceTypeId}`, s.availableCount]));
    const cells = specs
      .map((s) => ({ zoneId: s.zoneId, instanceTypeId: s.instanceTypeId, onSale: s.onSale, availableCount: free.get(`${s.zoneId}/${s.instanceTypeId}`) ?? 0, pricePerHour: s.pricePerHour, currency: s.currency }))
      .sort((a, b) => (a.instanceTypeId === b.instanceTypeId ? (a.zoneId < b.zoneId ? -1 : 1) : a.instanceTypeId < b.instanceTypeId ? -1 : 1));
    return { regionId: this.regionId, zones, instanceTypes, cells };
  }
}
