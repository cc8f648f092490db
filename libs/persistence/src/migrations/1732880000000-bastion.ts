import { Table, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/** The ops bastion's tables, with the schema builder so one migration serves SQLite and MySQL/MariaDB. */
type ColumnKind = 'varchar' | 'int' | 'bigint' | 'text' | 'boolean';

function column(name: string, kind: ColumnKind, options: { length?: number; nullable?: boolean; primary?: boolean } = {}): TableColumnOptions {
  const base = { name, isNullable: options.nullable ?? false, isPrimary: options.primary ?? false };
  switch (kind) {
    case 'varchar':
      return { ...base, type: 'varchar', length: String(options.length ?? 64) };
    case 'int':
    case 'bigint':
    case 'text':
    case 'boolean':
      return { ...base, type: kind };
  }
}

const TABLES: Table[] = [
  new Table({
    name: 'bastion_users',
    columns: [
      column('username', 'varchar', { length: 32, primary: true }),
      column('password_hash', 'varchar', { length: 256 }),
      column('roles', 'varchar', { length: 64 }),
      column('totp_secret', 'varchar', { length: 64, nullable: true }),
      column('totp_enrolled', 'boolean'),
      column('totp_last_step', 'bigint', { nullable: true }),
      column('failed_attempts', 'int'),
      column('locked_until', 'bigint', { nullable: true }),
      column('created_at', 'bigint'),
    ],
  }),
  new Table({
    name: 'bastion_user_groups',
    columns: [column('group_name', 'varchar', { length: 32, primary: true }), column('username', 'varchar', { length: 32, primary: true })],
    indices: [new TableIndex({ name: 'ix_bastion_user_groups_user', columnNames: ['username'] })],
  }),
  new Table({
    name: 'bastion_host_groups',
    columns: [column('group_name', 'varchar', { length: 32, primary: true }), column('host_id', 'varchar', { length: 64, primary: true })],
    indices: [new TableIndex({ name: 'ix_bastion_host_groups_host', columnNames: ['host_id'] })],
  }),
  new Table({
    name: 'bastion_grants',
    columns: [
      column('grant_id', 'varchar', { length: 40, primary: true }),
      column('subject_kind', 'varchar', { length: 8 }),
      column('subject', 'varchar', { length: 32 }),
      column('target_kind', 'varchar', { length: 16 }),
      column('target', 'varchar', { length: 64 }),
      column('role', 'varchar', { length: 16 }),
      column('expires_at', 'bigint'),
      column('created_by', 'varchar', { length: 32 }),
      column('created_at', 'bigint'),
      column('revoked_at', 'bigint', { nullable: true }),
      column('revoked_by', 'varchar', { length: 32, nullable: true }),
    ],
    indices: [new TableIndex({ name: 'ix_bastion_grants_subject', columnNames: ['subject_kind', 'subject'] })],
  }),
  new Table({
    name: 'bastion_tokens',
    columns: [
      column('token_hash', 'varchar', { length: 64, primary: true }),
      column('kind', 'varchar', { length: 16 }),
      column('username', 'varchar', { length: 32 }),
      column('host_id', 'varchar', { length: 64, nullable: true }),
      column('expires_at', 'bigint'),
      column('used_at', 'bigint', { nullable: true }),
      column('created_at', 'bigint'),
    ],
    indices: [new TableIndex({ name: 'ix_bastion_tokens_expiry', columnNames: ['expires_at'] })],
  }),
  new Table({
    name: 'bastion_sessions',
    columns: [
      column('session_id', 'varchar', { length: 40, primary: true }),
      column('username', 'varchar', { length: 32 }),
      column('host_id', 'varchar', { length: 64 }),
      column('role', 'varchar', { length: 16 }),
      column('client_address', 'varchar', { length: 64 }),
      column('started_at', 'bigint'),
      column('ended_at', 'bigint', { nullable: true }),
      column('end_reason', 'varchar', { length: 32, nullable: true }),
    ],
    indices: [new TableIndex({ name: 'ix_bastion_sessions_started', columnNames: ['started_at'] })],
  }),
  new Table({
    name: 'bastion_recording_chunks',
    columns: [
      column('session_id', 'varchar', { length: 40, primary: true }),
      column('chunk_no', 'int', { primary: true }),
      column('body', 'text'),
    ],
  }),
  new Table({
    name: 'bastion_audit',
    columns: [
      column('seq', 'bigint', { primary: true }),
      column('at', 'bigint'),
      column('actor', 'varchar', { length: 64 }),
      column('action', 'varchar', { length: 32 }),
      column('target', 'varchar', { length: 128 }),
      column('outcome', 'varchar', { length: 16 }),
      column('session_id', 'varchar', { length: 40, nullable: true }),
      column('detail', 'text'),
      column('prev_hash', 'varchar', { length: 64 }),
      column('hash', 'varchar', { length: 64 }),
    ],
    indices: [new TableIndex({ name: 'ix_bastion_audit_session', columnNames: ['session_id'] })],
  }),
  new Table({
    name: 'bastion_audit_head',
    columns: [column('id', 'int', { primary: true }), column('seq', 'bigint'), column('hash', 'varchar', { length: 64 })],
  }),
];

export class Bastion1732880000000 implements MigrationInterface {
  name = 'Bastion1732880000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.createTable(table, true, true, true);
    // The empty log's head: sequence 0, no hash yet.
    await queryRunner.query("INSERT INTO bastion_audit_head (id, seq, hash) VALUES (1, 0, '')");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await queryRunner.dropTable(table.name, true);
  }
}
