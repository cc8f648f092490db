import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from './column-types';

@Entity('regions')
export class RegionEntity {
  @PrimaryColumn({ name: 'region_id', type: 'varchar', length: 32 }) regionId!: string;
  @Column({ name: 'local_name', type: 'varchar', length: 64 }) localName!: string;
  @Column({ type: 'varchar', length: 128 }) endpoint!: string;
}

@Entity('zones')
export class ZoneEntity {
  @PrimaryColumn({ name: 'zone_id', type: 'varchar', length: 32 }) zoneId!: string;
  @Column({ name: 'region_id', type: 'varchar', length: 32 }) regionId!: string;
  @Column({ name: 'local_name', type: 'varchar', length: 64 }) localName!: string;
  /** The zone's default subnet, e.g. 172.16.0.0/20, from which instances get private IPs. */
  @Column({ name: 'subnet_cidr', type: 'varchar', length: 32 }) subnetCidr!: string;
}

@Entity('instance_families')
export class InstanceFamilyEntity {
  @PrimaryColumn({ name: 'family_id', type: 'varchar', length: 32 }) familyId!: string;
  @Column({ type: 'varchar', length: 32 }) generation!: string;
  @Column({ type: 'varchar', length: 256 }) description!: string;
}

@Entity('instance_types')
export class InstanceTypeEntity {
  @PrimaryColumn({ name: 'instance_type_id', type: 'varchar', length: 64 }) instanceTypeId!: string;
  @Column({ name: 'family_id', type: 'varchar', length: 32 }) familyId!: string;
  @Column({ type: 'int' }) vcpus!: number;
  @Column({ name: 'memory_gib', type: 'int' }) memoryGiB!: number;
  @Column({ name: 'host_class', type: 'varchar', length: 32 }) hostClass!: string;
  @Column({ type: 'varchar', length: 256 }) description!: string;
}

@Entity('images')
export class ImageEntity {
  @PrimaryColumn({ name: 'image_id', type: 'varchar', length: 128 }) imageId!: string;
  @Column({ name: 'region_id', type: 'varchar', length: 32 }) regionId!: string;
  @Column({ name: 'image_name', type: 'varchar', length: 128 }) imageName!: string;
  @Column({ type: 'varchar', length: 256 }) description!: string;
  @Column({ name: 'os_name', type: 'varchar', length: 128 }) osName!: string;
  @Column({ name: 'os_type', type: 'varchar', length: 16 }) osType!: 'linux' | 'windows';
  @Column({ type: 'varchar', length: 32 }) platform!: string;
  @Column({ type: 'varchar', length: 16 }) architecture!: 'x86_64' | 'arm64';
  @Column({ name: 'size_gib', type: 'int' }) sizeGiB!: number;
  @Column({ type: 'varchar', length: 16 }) status!: 'Creating' | 'Available' | 'UnAvailable' | 'CreateFailed';
  @Column({ name: 'owner_alias', type: 'varchar', length: 16 }) ownerAlias!: 'system' | 'self';
  @Column({ name: 'owner_account_id', type: 'varchar', length: 32, nullable: true }) ownerAccountId!: string | null;
  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs }) createdAt!: number;
  // The image center's columns (migration ImageCenter1732895000000). Optional: seeded system images
  // may have no content in the blob store; an image has a digest once it is Available.
  /** Lower-case hex SHA-256 of the content, which names its blob in the region's store. */
  @Column({ name: 'blob_digest', type: 'varchar', length: 64, nullable: true }) blobDigest?: string | null;
  @Column({ name: 'size_bytes', type: 'bigint', nullable: true, transformer: epochMs }) sizeBytes?: number | null;
  @Column({ name: 'disk_format', type: 'varchar', length: 8, nullable: true }) diskFormat?: 'qcow2' | 'raw' | null;
  /** How the image came to be: imported from a URL or a file, created from an instance, or copied. */
  @Column({ name: 'source_kind', type: 'varchar', length: 16, nullable: true }) sourceKind?: 'url' | 'file' | 'instance' | 'copy' | null;
  /** The URL without its query (which may hold a signature), the instance id or the source image id. */
  @Column({ name: 'source_ref', type: 'varchar', length: 512, nullable: true }) sourceRef?: string | null;
  @Column({ name: 'failure_reason', type: 'varchar', length: 256, nullable: true }) failureReason?: string | null;
}

@Entity('sale_specs')
export class SaleSpecEntity {
  @PrimaryColumn({ name: 'zone_id', type: 'varchar', length: 32 }) zoneId!: string;
  @PrimaryColumn({ name: 'instance_type_id', type: 'varchar', length: 64 }) instanceTypeId!: string;
  @Column({ name: 'region_id', type: 'varchar', length: 32 }) regionId!: string;
  @Column({ name: 'on_sale', type: 'boolean' }) onSale!: boolean;
  /** Price in thousandths of the currency unit, to keep money out of floating point. */
  @Column({ name: 'price_milli_per_hour', type: 'int' }) priceMilliPerHour!: number;
  @Column({ type: 'varchar', length: 8 }) currency!: string;
}
