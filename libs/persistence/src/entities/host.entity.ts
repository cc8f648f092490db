import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A physical host and its share of the capacity ledger. `used*` only ever change together with an
 * allocation row, in one transaction guarded by `generation` (compare-and-swap).
 */
@Entity('hosts')
export class HostEntity {
  @PrimaryColumn({ name: 'host_id', type: 'varchar', length: 64 }) hostId!: string;
  @Column({ name: 'zone_id', type: 'varchar', length: 32 }) zoneId!: string;
  @Column({ type: 'varchar', length: 32 }) rack!: string;
  @Column({ name: 'host_class', type: 'varchar', length: 32 }) hostClass!: string;
  @Column({ type: 'int' }) vcpus!: number;
  @Column({ name: 'memory_mib', type: 'int' }) memoryMiB!: number;
  @Column({ name: 'disk_gib', type: 'int' }) diskGiB!: number;
  @Column({ name: 'cpu_allocation_ratio', type: 'float' }) cpuAllocationRatio!: number;
  @Column({ name: 'memory_allocation_ratio', type: 'float' }) memoryAllocationRatio!: number;
  @Column({ name: 'used_vcpus', type: 'int' }) usedVcpus!: number;
  @Column({ name: 'used_memory_mib', type: 'int' }) usedMemoryMiB!: number;
  @Column({ name: 'used_disk_gib', type: 'int' }) usedDiskGiB!: number;
  @Column({ type: 'boolean' }) enabled!: boolean;
  @Column({ type: 'int' }) generation!: number;
}

/** One instance's claim on a host: the ledger row. */
@Entity('allocations')
export class AllocationEntity {
  @PrimaryColumn({ name: 'instance_id', type: 'varchar', length: 32 }) instanceId!: string;
  @Column({ name: 'host_id', type: 'varchar', length: 64 }) hostId!: string;
  @Column({ name: 'account_id', type: 'varchar', length: 32 }) accountId!: string;
  @Column({ type: 'int' }) vcpus!: number;
  @Column({ name: 'memory_mib', type: 'int' }) memoryMiB!: number;
  @Column({ name: 'disk_gib', type: 'int' }) diskGiB!: number;
  @Column({ name: 'deployment_set_id', type: 'varchar', length: 32, nullable: true }) deploymentSetId!: string | null;
}
