import { Table, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/** Operators, their sessions, the audit log and tenant quotas; schema builder so it runs on SQLite and MariaDB. */
const varchar = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: false, ...extra });
const int = (name: string): TableColumnOptions => ({ name, type: 'int', isNullable: false });
const bigint = (name: string): TableColumnOptions => ({ name, type: 'bigint', isNullable: false });

const TABLES: Table[] = [
  new Table({
    name: 'operators',
    columns: [
      varchar('username', 64, { isPrimary: true }),
      varchar('password_hash', 256),
      varchar('role', 16),
      { name: 'enabled', type: 'boolean', isNullable: false },
      bigint('created_at'),
      bigint('updated_at'),
    ],
  }),
  new Table({
    name: 'operator_sessions',
    columns: [varchar('token_hash', 64, { isPrimary: true }), varchar('username', 64), varchar('csrf_token', 64), bigint('created_at'), bigint('expires_at')],
    indices: [new TableIndex({ name: 'ix_operator_sessions_username', columnNames: ['username'] }), new TableIndex({ name: 'ix_operator_sessions_expires', columnNames: ['expires_at'] })],
  }),
  new Table({
    name: 'audit_log',
    columns: [
      { name: 'audit_id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment', isNullable: false },
      bigint('at'),
      varchar('actor', 64),
      varchar('action', 64),
      varchar('target', 160),
      { name: 'before_json', type: 'text', isNullable: true },
      { name: 'after_json', type: 'text', isNullable: true },
    ],
    indices: [new TableIndex({ name: 'ix_audit_log_at', columnNames: ['at'] })],
  }),
  new Table({
    name: 'tenant_quotas',
    columns: [varchar('account_id', 32, { isPrimary: true }), varchar('region_id', 32, { isPrimary: true }), int('max_vcpus'), int('max_instances'), bigint('updated_at')],
  }),
];

export class AdminConsole1732870000000 implements MigrationInterface {
  name = 'AdminConsole1732870000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.createTable(table, true, true, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await queryRunner.dropTable(table.name, true);
  }
}
