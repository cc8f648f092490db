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

/** A small sales catalog for tests: one served region, three zones with different sale states. */
export const REGION = 'cn-test-1';
export const ACCOUNT = '1234567890';
export const OTHER_ACCOUNT = '9876543210';

export interface CatalogData {
  readonly regions: RegionRecord[];
  readonly zones: ZoneRecord[];
  readonly families: InstanceFamilyRecord[];
  readonly instanceTypes: InstanceTypeRecord[];
  readonly images: ImageRecord[];
  readonly saleSpecs: SaleSpecRecord[];
}

function image(overrides: Partial<ImageRecord> & Pick<ImageRecord, 'imageId'>): ImageRecord {
  return {
    regionId: REGION,
    imageName: overrides.imageId,
    description: 'test image',
    osName: 'Ubuntu 22.04 64 bit',
    osType: 'linux',
    platform: 'Ubuntu',
    architecture: 'x86_64',
    sizeGiB: 20,
    status: 'Available',
    ownerAlias: 'system',
    ownerAccountId: undefined,
    creationTime: '2024-01-02T03:04:05.678Z',
    ...overrides,
  };
}

function spec(zoneId: string, instanceTypeId: string, onSale: boolean): SaleSpecRecord {
  return { regionId: REGION, zoneId, instanceTypeId, onSale, pricePerHour: 0.5, currency: 'CNY' };
}

export function catalogData(): CatalogData {
  return {
    regions: [
      { regionId: REGION, localName: 'Test Region 1', endpoint: 'ecs.cn-test-1.example.test' },
      { regionId: 'cn-test-2', localName: 'Test Region 2', endpoint: 'ecs.cn-test-2.example.test' },
    ],
    zones: [
      { zoneId: 'cn-test-1a', regionId: REGION, localName: 'Zone A' },
      { zoneId: 'cn-test-1b', regionId: REGION, localName: 'Zone B' },
      { zoneId: 'cn-test-1c', regionId: REGION, localName: 'Zone C' },
      { zoneId: 'cn-test-2a', regionId: 'cn-test-2', localName: 'Zone 2A' },
    ],
    families: [
      { familyId: 'ecs.g7', generation: 'ecs-6', description: 'general purpose' },
      { familyId: 'ecs.c7', generation: 'ecs-6', description: 'compute optimised' },
      { familyId: 'ecs.t5', generation: 'ecs-4', description: 'burstable' },
    ],
    instanceTypes: [
      { instanceTypeId: 'ecs.g7.large', familyId: 'ecs.g7', vcpus: 2, memoryGiB: 8, hostClass: 'std', description: '' },
      { instanceTypeId: 'ecs.g7.xlarge', familyId: 'ecs.g7', vcpus: 4, memoryGiB: 16, hostClass: 'std', description: '' },
      { instanceTypeId: 'ecs.c7.large', familyId: 'ecs.c7', vcpus: 2, memoryGiB: 4, hostClass: 'std', description: '' },
      { instanceTypeId: 'ecs.t5.small', familyId: 'ecs.t5', vcpus: 1, memoryGiB: 0.5, hostClass: 'old', description: '' },
    ],
    images: [
      image({ imageId: 'm-ubuntu', imageName: 'ubuntu_22_04_x64', creationTime: '2024-01-02T03:04:05.678Z' }),
      image({ imageId: 'm-big', imageName: 'big_image', sizeGiB: 60, creationTime: '2024-02-01T00:00:00.000Z' }),
      image({ imageId: 'm-creating', status: 'Creating', creationTime: '2024-03-01T00:00:00.000Z' }),
      image({ imageId: 'm-own', imageName: 'my-image', ownerAlias: 'self', ownerAccountId: ACCOUNT, creationTime: '2024-04-01T00:00:00.000Z' }),
      image({ imageId: 'm-foreign', ownerAlias: 'self', ownerAccountId: OTHER_ACCOUNT, creationTime: '2024-05-01T00:00:00.000Z' }),
      image({ imageId: 'm-elsewhere', regionId: 'cn-test-2' }),
    ],
    saleSpecs: [
      spec('cn-test-1a', 'ecs.g7.large', true),
      spec('cn-test-1a', 'ecs.g7.xlarge', true),
      spec('cn-test-1a', 'ecs.c7.large', false),
      spec('cn-test-1b', 'ecs.g7.large', false),
    ],
  };
}

/** An in-memory CatalogReader over CatalogData with the visibility rules the real store promises. */
export class FakeCatalog implements CatalogReader {
  constructor(readonly data: CatalogData = catalogData()) {}

  async regions(): Promise<RegionRecord[]> {
    return [...this.data.regions];
  }

  async zones(regionId: string): Promise<ZoneRecord[]> {
    return this.data.zones.filter((zone) => zone.regionId === regionId);
  }

  async families(): Promise<InstanceFamilyRecord[]> {
    return [...this.data.families];
  }

  async instanceTypes(): Promise<InstanceTypeRecord[]> {
    return [...this.data.instanceTypes];
  }

  async instanceType(instanceTypeId: string): Promise<InstanceTypeRecord | undefined> {
    return this.data.instanceTypes.find((type) => type.instanceTypeId === instanceTypeId);
  }

  async images(query: ImageQuery): Promise<ImageRecord[]> {
    return this.data.images.filter(
      (candidate) =>
        candidate.regionId === query.regionId &&
        (candidate.ownerAccountId === undefined || candidate.ownerAccountId === query.accountId) &&
        (query.imageIds === undefined || query.imageIds.includes(candidate.imageId)) &&
        (query.imageName === undefined || candidate.imageName === query.imageName) &&
        (query.ownerAlias === undefined || candidate.ownerAlias === query.ownerAlias) &&
        (query.status === undefined || query.status.includes(candidate.status)),
    );
  }

  async saleSpecs(regionId: string): Promise<SaleSpecRecord[]> {
    return this.data.saleSpecs.filter((candidate) => candidate.regionId === regionId);
  }
}
