import type {
  CatalogReader,
  ImageQuery,
  ImageRecord,
  InstanceFamilyRecord,
  InstanceTypeRecord,
  RegionRecord,
  SaleSpecRecord,
  ZoneRecord,
} from '@ecs/contracts';
import { In, IsNull } from 'typeorm';
import type { Database } from '../database';
import { ImageEntity, InstanceFamilyEntity, InstanceTypeEntity, RegionEntity, SaleSpecEntity, ZoneEntity } from '../entities';
import type { CatalogSeed } from '../seed/catalog-seed';
import { toImageRecord } from './image-record.mapper';
import type { Tx } from '../transaction';

/** The sales catalog: the business layer's CatalogReader, and the seed loader. */
export class CatalogRepository implements CatalogReader {
  constructor(private readonly db: Database) {}

  async regions(): Promise<RegionRecord[]> {
    const rows = await this.db.read((m) => m.find(RegionEntity, { order: { regionId: 'ASC' } }));
    return rows.map((r) => ({ regionId: r.regionId, localName: r.localName, endpoint: r.endpoint }));
  }

  async zones(regionId: string): Promise<ZoneRecord[]> {
    const rows = await this.db.read((m) => m.find(ZoneEntity, { where: { regionId }, order: { zoneId: 'ASC' } }));
    return rows.map((z) => ({ zoneId: z.zoneId, regionId: z.regionId, localName: z.localName }));
  }

  async zoneSubnet(zoneId: string): Promise<string | undefined> {
    return (await this.db.read((m) => m.findOneBy(ZoneEntity, { zoneId })))?.subnetCidr;
  }

  async families(): Promise<InstanceFamilyRecord[]> {
    const rows = await this.db.read((m) => m.find(InstanceFamilyEntity, { order: { familyId: 'ASC' } }));
    return rows.map((f) => ({ familyId: f.familyId, generation: f.generation, description: f.description }));
  }

  async instanceTypes(): Promise<InstanceTypeRecord[]> {
    const rows = await this.db.read((m) => m.find(InstanceTypeEntity, { order: { familyId: 'ASC', vcpus: 'ASC', memoryGiB: 'ASC' } }));
    return rows.map(toInstanceType);
  }

  async instanceType(instanceTypeId: string): Promise<InstanceTypeRecord | undefined> {
    const row = await this.db.read((m) => m.findOneBy(InstanceTypeEntity, { instanceTypeId }));
    return row ? toInstanceType(row) : undefined;
  }

  async images(query: ImageQuery): Promise<ImageRecord[]> {
    const rows = await this.db.read((m) =>
      m.find(ImageEntity, {
        where: [
          { regionId: query.regionId, ownerAccountId: IsNull(), ...imageFilters(query) },
          { regionId: query.regionId, ownerAccountId: query.accountId, ...imageFilters(query) },
        ],
        order: { createdAt: 'DESC', imageId: 'ASC' },
      }),
    );
    return rows.filter((i) => query.ownerAlias === undefined || i.ownerAlias === query.ownerAlias).map(toImageRecord);
  }

  async saleSpecs(regionId: string): Promise<SaleSpecRecord[]> {
    const rows = await this.db.read((m) => m.find(SaleSpecEntity, { where: { regionId } }));
    return rows.map(toSaleSpec);
  }

  /** Inserts what the seed has and the database lacks; never overwrites an operator's edits. */
  async seed(seed: CatalogSeed): Promise<void> {
    await this.db.transaction(async (m) => {
      const now = Date.now();
      const insertMissing = async <E extends object>(entity: new () => E, rows: E[], key: keyof E) => {
        for (const row of rows) {
          if (!(await m.findOneBy(entity, { [key]: row[key] } as never))) await m.insert(entity, row);
        }
      };
      await insertMissing(RegionEntity, seed.regions.map((r) => Object.assign(new RegionEntity(), r)), 'regionId');
      await insertMissing(ZoneEntity, seed.zones.map((z) => Object.assign(new ZoneEntity(), z)), 'zoneId');
      await insertMissing(InstanceFamilyEntity, seed.families.map((f) => Object.assign(new InstanceFamilyEntity(), f)), 'familyId');
      await insertMissing(InstanceTypeEntity, seed.instanceTypes.map((t) => Object.assign(new InstanceTypeEntity(), t)), 'instanceTypeId');
      await insertMissing(ImageEntity, seed.images.map((i) => Object.assign(new ImageEntity(), { ...i, ownerAccountId: null, createdAt: now })), 'imageId');
      for (const spec of seed.saleSpecs) {
        if (!(await m.findOneBy(SaleSpecEntity, { zoneId: spec.zoneId, instanceTypeId: spec.instanceTypeId }))) {
          await m.insert(SaleSpecEntity, spec);
        }
      }
    });
  }

  // Operator edits from the admin API. Each runs inside the caller's transaction, next to its audit
  // entry; the tenant API reads the same tables on every call, so an edit takes effect at once.

  async familyIn(tx: Tx, familyId: string): Promise<InstanceFamilyRecord | undefined> {
    const row = await tx.findOneBy(InstanceFamilyEntity, { familyId });
    return row ? { familyId: row.familyId, generation: row.generation, description: row.description } : undefined;
  }

  async saveFamily(tx: Tx, family: InstanceFamilyRecord): Promise<void> {
    await tx.save(InstanceFamilyEntity, { ...family });
  }

  async instanceTypeIn(tx: Tx, instanceTypeId: string): Promise<InstanceTypeRecord | undefined> {
    const row = await tx.findOneBy(InstanceTypeEntity, { instanceTypeId });
    return row ? toInstanceType(row) : undefined;
  }

  async saveInstanceType(tx: Tx, type: InstanceTypeRecord): Promise<void> {
    await tx.save(InstanceTypeEntity, { ...type });
  }

  async saleSpecsOf(tx: Tx, regionId: string, instanceTypeId: string): Promise<SaleSpecRecord[]> {
    const rows = await tx.find(SaleSpecEntity, { where: { regionId, instanceTypeId }, order: { zoneId: 'ASC' } });
    return rows.map(toSaleSpec);
  }

  /** Gives a type a sale spec in every zone of the region that lacks one: closed, at the given price. */
  async addClosedSaleSpecs(tx: Tx, regionId: string, instanceTypeId: string, priceMilliPerHour: number, currency: string): Promise<void> {
    const zones = await tx.find(ZoneEntity, { where: { regionId } });
    for (const zone of zones) {
      if (!(await tx.findOneBy(SaleSpecEntity, { zoneId: zone.zoneId, instanceTypeId }))) {
        await tx.insert(SaleSpecEntity, { zoneId: zone.zoneId, instanceTypeId, regionId, onSale: false, priceMilliPerHour, currency });
      }
    }
  }

  /** False when the type has no sale spec in that zone of the region. */
  async setOnSale(tx: Tx, regionId: string, zoneId: string, instanceTypeId: string, onSale: boolean): Promise<boolean> {
    const result = await tx.update(SaleSpecEntity, { regionId, zoneId, instanceTypeId }, { onSale });
    return result.affected === 1;
  }

  /** The pay-as-you-go price is per type and region: every zone's sale spec carries the same one. */
  async setPrice(tx: Tx, regionId: string, instanceTypeId: string, priceMilliPerHour: number, currency: string): Promise<number> {
    const result = await tx.update(SaleSpecEntity, { regionId, instanceTypeId }, { priceMilliPerHour, currency });
    return result.affected ?? 0;
  }
}

function imageFilters(query: ImageQuery) {
  return {
    ...(query.imageIds?.length ? { imageId: In([...query.imageIds]) } : {}),
    ...(query.imageName ? { imageName: query.imageName } : {}),
    ...(query.status?.length ? { status: In([...query.status]) } : {}),
  };
}

function toInstanceType(t: InstanceTypeEntity): InstanceTypeRecord {
  return { instanceTypeId: t.instanceTypeId, familyId: t.familyId, vcpus: t.vcpus, memoryGiB: t.memoryGiB, hostClass: t.hostClass, description: t.description };
}

function toSaleSpec(s: SaleSpecEntity): SaleSpecRecord {
  return { regionId: s.regionId, zoneId: s.zoneId, instanceTypeId: s.instanceTypeId, onSale: s.onSale, pricePerHour: s.priceMilliPerHour / 1000, currency: s.currency };
}

