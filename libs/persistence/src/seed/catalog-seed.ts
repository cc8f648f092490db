import type { ImageEntity, InstanceFamilyEntity, InstanceTypeEntity, RegionEntity, SaleSpecEntity, ZoneEntity } from '../entities';

export interface CatalogSeed {
  readonly regions: RegionEntity[];
  readonly zones: ZoneEntity[];
  readonly families: InstanceFamilyEntity[];
  readonly instanceTypes: InstanceTypeEntity[];
  readonly images: Omit<ImageEntity, 'ownerAccountId' | 'createdAt'>[];
  readonly saleSpecs: SaleSpecEntity[];
}

/** The host class every seeded family runs on; the sim fleet is built of this class. */
export const GENERAL_HOST_CLASS = 'x86-general';

const FAMILIES: { familyId: string; description: string; memoryPerVcpuGiB: number; sizes: [string, number][]; priceMilliPerVcpuHour: number }[] = [
  { familyId: 'ecs.g7', description: 'General purpose, 1:4 vCPU to memory', memoryPerVcpuGiB: 4, sizes: [['large', 2], ['xlarge', 4], ['2xlarge', 8]], priceMilliPerVcpuHour: 120 },
  { familyId: 'ecs.c7', description: 'Compute optimised, 1:2 vCPU to memory', memoryPerVcpuGiB: 2, sizes: [['large', 2], ['xlarge', 4], ['2xlarge', 8]], priceMilliPerVcpuHour: 95 },
  { familyId: 'ecs.r7', description: 'Memory optimised, 1:8 vCPU to memory', memoryPerVcpuGiB: 8, sizes: [['large', 2], ['xlarge', 4]], priceMilliPerVcpuHour: 160 },
];

/** The catalog a fresh platform starts with: one region, its zones, three families, two images. */
export function defaultCatalogSeed(regionId: string, zoneCount = 2): CatalogSeed {
  const zoneLetters = 'hijklmn';
  const zones = Array.from({ length: zoneCount }, (_, i) => ({
    zoneId: `${regionId}-${zoneLetters[i]}`,
    regionId,
    localName: `Zone ${zoneLetters[i].toUpperCase()}`,
    subnetCidr: `172.16.${i * 16}.0/20`,
  }));
  const instanceTypes = FAMILIES.flatMap((f) =>
    f.sizes.map(([size, vcpus]) => ({
      instanceTypeId: `${f.familyId}.${size}`,
      familyId: f.familyId,
      vcpus,
      memoryGiB: vcpus * f.memoryPerVcpuGiB,
      hostClass: GENERAL_HOST_CLASS,
      description: `${vcpus} vCPU, ${vcpus * f.memoryPerVcpuGiB} GiB`,
    })),
  );
  const priceOf = (typeId: string) => {
    const family = FAMILIES.find((f) => typeId.startsWith(`${f.familyId}.`))!;
    return family.priceMilliPerVcpuHour * instanceTypes.find((t) => t.instanceTypeId === typeId)!.vcpus;
  };
  return {
    regions: [{ regionId, localName: regionId, endpoint: `ecs.${regionId}.aliyuncs.com` }],
    zones,
    families: FAMILIES.map((f) => ({ familyId: f.familyId, generation: 'ecs-5', description: f.description })),
    instanceTypes,
    images: [
      {
        imageId: 'aliyun_3_x64_20G_alibase_20241103.vhd',
        regionId,
        imageName: 'aliyun_3_x64_20G_alibase_20241103.vhd',
        description: 'Alibaba Cloud Linux 3.2104 LTS 64 bit',
        osName: 'Alibaba Cloud Linux 3.2104 LTS 64位',
        osType: 'linux',
        platform: 'Aliyun',
        architecture: 'x86_64',
        sizeGiB: 20,
        status: 'Available',
        ownerAlias: 'system',
      },
      {
        imageId: 'ubuntu_22_04_x64_20G_alibase_20241016.vhd',
        regionId,
        imageName: 'ubuntu_22_04_x64_20G_alibase_20241016.vhd',
        description: 'Ubuntu 22.04 64 bit',
        osName: 'Ubuntu  22.04 64位',
        osType: 'linux',
        platform: 'Ubuntu',
        architecture: 'x86_64',
        sizeGiB: 20,
        status: 'Available',
        ownerAlias: 'system',
      },
    ],
    saleSpecs: zones.flatMap((z) =>
      instanceTypes.map((t) => ({ zoneId: z.zoneId, instanceTypeId: t.instanceTypeId, regionId, onSale: true, priceMilliPerHour: priceOf(t.instanceTypeId), currency: 'CNY' })),
    ),
  };
}
