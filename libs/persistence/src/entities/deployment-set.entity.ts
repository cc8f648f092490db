import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from './column-types';

/** A tenant's deployment set: with the Availability strategy, at most one member per host. */
@Entity('deployment_sets')
export class DeploymentSetEntity {
  @PrimaryColumn({ name: 'deployment_set_id', type: 'varchar', length: 32 }) deploymentSetId!: string;
  @Column({ name: 'account_id', type: 'varchar', length: 32 }) accountId!: string;
  @Column({ name: 'region_id', type: 'varchar', length: 32 }) regionId!: string;
  @Column({ type: 'varchar', length: 128 }) name!: string;
  @Column({ type: 'varchar', length: 256 }) description!: string;
  @Column({ type: 'varchar', length: 32 }) strategy!: 'Availability';
  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs }) createdAt!: number;
}
