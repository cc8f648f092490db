import { Table, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/**
 * Written with TypeORM's schema builder rather than raw SQL so one migration serves SQLite
 * (all-in-one) and MySQL/MariaDB (cluster, production).
 */
type ColumnKind = 'id' | 'varchar' | 'int' | 'bigint' | 'text' | 'boolean' | 'float';

function column(name: string, kind: ColumnKind, options: { length?: number; nullable?: boolean; primary?: boolean } = {}): TableColumnOptions {
  const base = { name, isNullable: options.nullable ?? false, isPrimary: options.primary ?? false };
  switch (kind) {
    case 'id':
      return { ...base, type: 'varchar', length: String(options.length ?? 32), isPrimary: true };
    case 'varchar':
      return { ...base, type: 'varchar', length: String(options.length ?? 64) };
    case 'int':
      return { ...base, type: 'int' };
    case 'bigint':
      return { ...base, type: 'bigint' };
    case 'text':
      return { ...base, type: 'text' };
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'float':
      return { ...base, type: 'float' };
  }
}

const TABLES: Table[] = [
  new Table({
    name: 'accounts',
    columns: [column('account_id', 'id'), column('name', 'varchar'), column('created_at', 'bigint')],
  }),
  new Table({
    name: 'access_keys',
    columns: [
      column('access_key_id', 'id', { length: 64 }),
      column('account_id', 'varchar', { length: 32 }),
      column('access_key_secret', 'varchar', { length: 128 }),
      column('enabled', 'boolean'),
      column('created_at', 'bigint'),
    ],
    indices: [new TableIndex({ name: 'ix_access_keys_account', columnNames: ['account_id'] })],
  }),
  new Table({
    name: 'regions',
    columns: [column('region_id', 'id'), column('local_name', 'varchar'), column('endpoint', 'varchar', { length: 128 })],
  }),
  new Table({
    name: 'zones',
    columns: [
      column('zone_id', 'id'),
      column('region_id', 'varchar', { length: 32 }),
      column('local_name', 'varchar'),
      column('subnet_cidr', 'varchar', { length: 32 }),
    ],
    indices: [new TableIndex({ name: 'ix_zones_region', columnNames: ['region_id'] })],
  }),
  new Table({
    name: 'instance_families',
    columns: [column('family_id', 'id'), column('generation', 'varchar', { length: 32 }), column('description', 'varchar', { length: 256 })],
  }),
  new Table({
    name: 'instance_types',
    columns: [
      column('instance_type_id', 'id', { length: 64 }),
      column('family_id', 'varchar', { length: 32 }),
      column('vcpus', 'int'),
      column('memory_gib', 'int'),
      column('host_class', 'varchar', { length: 32 }),
      column('description', 'varchar', { length: 256 }),
    ],
  }),
  new Table({
    name: 'images',
    columns: [
      column('image_id', 'id', { length: 128 }),
      column('region_id', 'varchar', { length: 32 }),
      column('image_name', 'varchar', { length: 128 }),
      column('description', 'varchar', { length: 256 }),
      column('os_name', 'varchar', { length: 128 }),
      column('os_type', 'varchar', { length: 16 }),
      column('platform', 'varchar', { length: 32 }),
      column('architecture', 'varchar', { length: 16 }),
      column('size_gib', 'int'),
      column('status', 'varchar', { length: 16 }),
      column('owner_alias', 'varchar', { length: 16 }),
      column('owner_account_id', 'varchar', { length: 32, nullable: true }),
      column('created_at', 'bigint'),
    ],
    indices: [new TableIndex({ name: 'ix_images_region_owner', columnNames: ['region_id', 'owner_account_id'] })],
  }),
  new Table({
    name: 'sale_specs',
    columns: [
      column('zone_id', 'varchar', { length: 32, primary: true }),
      column('instance_type_id', 'varchar', { length: 64, primary: true }),
      column('region_id', 'varchar', { length: 32 }),
      column('on_sale', 'boolean'),
      column('price_milli_per_hour', 'int'),
      column('currency', 'varchar', { length: 8 }),
    ],
  }),
  new Table({
    name: 'hosts',
    columns: [
      column('host_id', 'id', { length: 64 }),
      column('zone_id', 'varchar', { length: 32 }),
      column('rack', 'varchar', { length: 32 }),
      column('host_class', 'varchar', { length: 32 }),
      column('vcpus', 'int'),
      column('memory_mib', 'int'),
      column('disk_gib', 'int'),
      column('cpu_allocation_ratio', 'float'),
      column('memory_allocation_ratio', 'float'),
      column('used_vcpus', 'int'),
      column('used_memory_mib', 'int'),
      column('used_disk_gib', 'int'),
      column('enabled', 'boolean'),
      column('generation', 'int'),
    ],
    indices: [new TableIndex({ name: 'ix_hosts_zone', columnNames: ['zone_id'] })],
  }),
  new Table({
    name: 'allocations',
    columns: [
      column('instance_id', 'id'),
      column('host_id', 'varchar', { length: 64 }),
      column('account_id', 'varchar', { length: 32 }),
      column('vcpus', 'int'),
      column('memory_mib', 'int'),
      column('disk_gib', 'int'),
      column('deployment_set_id', 'varchar', { length: 32, nullable: true }),
    ],
    indices: [
      new TableIndex({ name: 'ix_allocations_host', columnNames: ['host_id'] }),
      new TableIndex({ name: 'ix_allocations_account', columnNames: ['account_id'] }),
      // Availability deployment sets: at most one member per host, enforced by the database itself.
      new TableIndex({ name: 'ux_allocations_deployment_set_host', columnNames: ['deployment_set_id', 'host_id'], isUnique: true }),
    ],
  }),
  new Table({
    name: 'instances',
    columns: [
      column('instance_id', 'id'),
      column('account_id', 'varchar', { length: 32 }),
      column('region_id', 'varchar', { length: 32 }),
      column('zone_id', 'varchar', { length: 32 }),
      column('host_id', 'varchar', { length: 64, nullable: true }),
      column('instance_type', 'varchar', { length: 64 }),
      column('instance_type_family', 'varchar', { length: 32 }),
      column('vcpus', 'int'),
      column('memory_mib', 'int'),
      column('disk_gib', 'int'),
      column('image_id', 'varchar', { length: 128 }),
      column('instance_name', 'varchar', { length: 128 }),
      column('host_name', 'varchar', { length: 64 }),
      column('description', 'varchar', { length: 256 }),
      column('user_data', 'text', { nullable: true }),
      column('status', 'varchar', { length: 16 }),
      column('power', 'varchar', { length: 8 }),
      column('power_generation', 'int'),
      column('version', 'int'),
      column('private_ip', 'varchar', { length: 15 }),
      column('mac', 'varchar', { length: 17 }),
      column('vpc_id', 'varchar', { length: 32 }),
      column('vswitch_id', 'varchar', { length: 32 }),
      column('security_group_ids', 'text'),
      column('deployment_set_id', 'varchar', { length: 32, nullable: true }),
      column('stopped_mode', 'varchar', { length: 16 }),
      column('latest_operation', 'varchar', { length: 32, nullable: true }),
      column('latest_operation_state', 'varchar', { length: 16, nullable: true }),
      column('latest_operation_error', 'varchar', { length: 64, nullable: true }),
      column('latest_operation_message', 'varchar', { length: 512, nullable: true }),
      column('last_event_seq', 'bigint'),
      column('created_at', 'bigint'),
      column('started_at', 'bigint', { nullable: true }),
      column('deleted_at', 'bigint', { nullable: true }),
    ],
    indices: [
      new TableIndex({ name: 'ix_instances_account_region', columnNames: ['account_id', 'region_id', 'created_at'] }),
      new TableIndex({ name: 'ix_instances_host', columnNames: ['host_id'] }),
      new TableIndex({ name: 'ux_instances_mac', columnNames: ['mac'], isUnique: true }),
    ],
  }),
  new Table({
    name: 'instance_tags',
    columns: [
      column('instance_id', 'varchar', { length: 32, primary: true }),
      column('tag_key', 'varchar', { length: 128, primary: true }),
      column('tag_value', 'varchar', { length: 128 }),
    ],
  }),
  new Table({
    name: 'ip_allocations',
    columns: [
      column('zone_id', 'varchar', { length: 32, primary: true }),
      column('ip', 'varchar', { length: 15, primary: true }),
      column('instance_id', 'varchar', { length: 32 }),
    ],
    indices: [new TableIndex({ name: 'ix_ip_allocations_instance', columnNames: ['instance_id'] })],
  }),
  new Table({
    name: 'tasks',
    columns: [
      column('task_id', 'id', { length: 40 }),
      column('instance_id', 'varchar', { length: 32 }),
      column('kind', 'varchar', { length: 16 }),
      column('operation', 'varchar', { length: 32 }),
      column('status', 'varchar', { length: 16 }),
      column('power_generation', 'int'),
      column('deadline_at', 'bigint'),
      column('created_at', 'bigint'),
      column('finished_at', 'bigint', { nullable: true }),
    ],
    indices: [
      new TableIndex({ name: 'ix_tasks_status_deadline', columnNames: ['status', 'deadline_at'] }),
      new TableIndex({ name: 'ix_tasks_instance', columnNames: ['instance_id'] }),
    ],
  }),
  new Table({
    name: 'idempotency_records',
    columns: [
      column('account_id', 'varchar', { length: 32, primary: true }),
      column('client_token', 'varchar', { length: 64, primary: true }),
      column('action', 'varchar', { length: 32 }),
      column('request_hash', 'varchar', { length: 64 }),
      column('response', 'text', { nullable: true }),
      column('created_at', 'bigint'),
    ],
  }),
  new Table({
    name: 'outbox',
    columns: [
      column('event_id', 'id', { length: 40 }),
      column('topic', 'varchar', { length: 64 }),
      column('event_key', 'varchar', { length: 64 }),
      column('payload', 'text'),
      column('created_at', 'bigint'),
      column('published_at', 'bigint', { nullable: true }),
    ],
    indices: [new TableIndex({ name: 'ix_outbox_unpublished', columnNames: ['published_at', 'created_at'] })],
  }),
  new Table({
    name: 'inbox',
    columns: [
      column('consumer', 'varchar', { length: 32, primary: true }),
      column('event_id', 'varchar', { length: 40, primary: true }),
      column('processed_at', 'bigint'),
    ],
  }),
];

export class InitialSchema1732850000000 implements MigrationInterface {
  name = 'InitialSchema1732850000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.createTable(table, true, true, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await queryRunner.dropTable(table.name, true);
  }
}
