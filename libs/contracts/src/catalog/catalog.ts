/** The sales catalog the business layer owns: what exists, what is on sale where, at what price. */
export interface RegionRecord {
  readonly regionId: string;
  readonly localName: string;
  readonly endpoint: string;
}

export interface ZoneRecord {
  readonly zoneId: string;
  readonly regionId: string;
  readonly localName: string;
}

export interface InstanceFamilyRecord {
  readonly familyId: string;
  readonly generation: string;
  readonly description: string;
}

export interface InstanceTypeRecord {
  readonly instanceTypeId: string;
  readonly familyId: string;
  readonly vcpus: number;
  readonly memoryGiB: number;
  /** Which class of physical host this type runs on (scheduler: family ↔ host class). */
  readonly hostClass: string;
  readonly description: string;
}

export type ImageStatus = 'Creating' | 'Available' | 'UnAvailable' | 'CreateFailed';
export type ImageOwnerAlias = 'system' | 'self';

export interface ImageRecord {
  readonly imageId: string;
  readonly regionId: string;
  readonly imageName: string;
  readonly description: string;
  readonly osName: string;
  readonly osType: 'linux' | 'windows';
  readonly platform: string;
  readonly architecture: 'x86_64' | 'arm64';
  readonly sizeGiB: number;
  readonly status: ImageStatus;
  readonly ownerAlias: ImageOwnerAlias;
  /** Set for tenant images; system images have none and are visible to all. */
  readonly ownerAccountId: string | undefined;
  readonly creationTime: string;
}

/** Whether a type may be sold in a zone, and its pay-as-you-go price. */
export interface SaleSpecRecord {
  readonly regionId: string;
  readonly zoneId: string;
  readonly instanceTypeId: string;
  readonly onSale: boolean;
  readonly pricePerHour: number;
  readonly currency: string;
}

export interface ImageQuery {
  readonly regionId: string;
  readonly accountId: string;
  readonly imageIds?: readonly string[];
  readonly imageName?: string;
  readonly ownerAlias?: ImageOwnerAlias;
  readonly status?: readonly ImageStatus[];
}

export interface CatalogReader {
  regions(): Promise<RegionRecord[]>;
  zones(regionId: string): Promise<ZoneRecord[]>;
  families(): Promise<InstanceFamilyRecord[]>;
  instanceTypes(): Promise<InstanceTypeRecord[]>;
  instanceType(instanceTypeId: string): Promise<InstanceTypeRecord | undefined>;
  /** Images visible to the account: system images and its own. */
  images(query: ImageQuery): Promise<ImageRecord[]>;
  saleSpecs(regionId: string): Promise<SaleSpecRecord[]>;
}

export const CATALOG_READER = Symbol('CatalogReader');
