import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { InstanceStatus, OperationState, PowerIntent } from '@ecs/domain';
import { epochMs, jsonText } from './column-types';

/**
 * An instance. Every status change is a compare-and-swap on (version, status); `powerGeneration`
 * counts changes of power intent so a host report can be matched to the intent it answers.
 */
@Entity('instances')
export class InstanceEntity {
  @PrimaryColumn({ name: 'instance_id', type: 'varchar', length: 32 }) instanceId!: string;
  @Column({ name: 'account_id', type: 'varchar', length: 32 }) accountId!: string;
  @Column({ name: 'region_id', type: 'varchar', length: 32 }) regionId!: string;
  @Column({ name: 'zone_id', type: 'varchar', length: 32 }) zoneId!: string;
  @Column({ name: 'host_id', type: 'varchar', length: 64, nullable: true }) hostId!: string | null;
  @Column({ name: 'instance_type', type: 'varchar', length: 64 }) instanceType!: string;
  @Column({ name: 'instance_type_family', type: 'varchar', length: 32 }) instanceTypeFamily!: string;
  @Column({ type: 'int' }) vcpus!: number;
  @Column({ name: 'memory_mib', type: 'int' }) memoryMiB!: number;
  @Column({ name: 'disk_gib', type: 'int' }) diskGiB!: number;
  @Column({ name: 'image_id', type: 'varchar', length: 128 }) imageId!: string;
  /** From the image at launch; null only for instances older than that rule whose image was gone. */
  @Column({ name: 'os_name', type: 'varchar', length: 128, nullable: true }) osName!: string | null;
  @Column({ name: 'os_type', type: 'varchar', length: 16, nullable: true }) osType!: 'linux' | 'windows' | null;
  @Column({ name: 'instance_name', type: 'varchar', length: 128 }) instanceName!: string;
  @Column({ name: 'host_name', type: 'varchar', length: 64 }) hostName!: string;
  @Column({ type: 'varchar', length: 256 }) description!: string;
  @Column({ name: 'user_data', type: 'text', nullable: true }) userData!: string | null;
  @Column({ type: 'varchar', length: 16 }) status!: InstanceStatus;
  @Column({ type: 'varchar', length: 8 }) power!: PowerIntent;
  @Column({ name: 'power_generation', type: 'int' }) powerGeneration!: number;
  @Column({ type: 'int' }) version!: number;
  @Column({ name: 'private_ip', type: 'varchar', length: 15 }) privateIp!: string;
  @Column({ type: 'varchar', length: 17 }) mac!: string;
  @Column({ name: 'vpc_id', type: 'varchar', length: 32 }) vpcId!: string;
  @Column({ name: 'vswitch_id', type: 'varchar', length: 32 }) vSwitchId!: string;
  @Column({ name: 'security_group_ids', type: 'text', transformer: jsonText }) securityGroupIds!: string[];
  @Column({ name: 'deployment_set_id', type: 'varchar', length: 32, nullable: true }) deploymentSetId!: string | null;
  @Column({ name: 'stopped_mode', type: 'varchar', length: 16 }) stoppedMode!: 'KeepCharging' | 'StopCharging' | 'Not-applicable';
  @Column({ name: 'latest_operation', type: 'varchar', length: 32, nullable: true }) latestOperation!: string | null;
  @Column({ name: 'latest_operation_state', type: 'varchar', length: 16, nullable: true }) latestOperationState!: OperationState | null;
  @Column({ name: 'latest_operation_error', type: 'varchar', length: 64, nullable: true }) latestOperationError!: string | null;
  @Column({ name: 'latest_operation_message', type: 'varchar', length: 512, nullable: true }) latestOperationMessage!: string | null;
  /** The highest host-event sequence applied: older reports are dropped. */
  @Column({ name: 'last_event_seq', type: 'bigint', transformer: epochMs }) lastEventSeq!: number;
  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs }) createdAt!: number;
  @Column({ name: 'started_at', type: 'bigint', nullable: true, transformer: epochMs }) startedAt!: number | null;
  @Column({ name: 'deleted_at', type: 'bigint', nullable: true, transformer: epochMs }) deletedAt!: number | null;
}

@Entity('instance_tags')
export class InstanceTagEntity {
  @PrimaryColumn({ name: 'instance_id', type: 'varchar', length: 32 }) instanceId!: string;
  @PrimaryColumn({ name: 'tag_key', type: 'varchar', length: 128 }) key!: string;
  @Column({ name: 'tag_value', type: 'varchar', length: 128 }) value!: string;
}

/** One private IP taken from a zone's default subnet: the unique key makes two takers impossible. */
@Entity('ip_allocations')
export class IpAllocationEntity {
  @PrimaryColumn({ name: 'zone_id', type: 'varchar', length: 32 }) zoneId!: string;
  @PrimaryColumn({ name: 'ip', type: 'varchar', length: 15 }) ip!: string;
  @Column({ name: 'instance_id', type: 'varchar', length: 32 }) instanceId!: string;
}
