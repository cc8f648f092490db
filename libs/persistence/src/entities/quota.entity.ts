import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from './column-types';

/** A tenant's limits in one region, set by an operator; absent rows mean the platform defaults. */
@Entity('tenant_quotas')
export class TenantQuotaEntity {
  @PrimaryColumn({ name: 'account_id', type: 'varchar', length: 32 }) accountId!: string;
  @PrimaryColumn({ name: 'region_id', type: 'varchar', length: 32 }) regionId!: string;
  @Column({ name: 'max_vcpus', type: 'int' }) maxVcpus!: number;
  @Column({ name: 'max_instances', type: 'int' }) maxInstances!: number;
  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs }) updatedAt!: number;
}
