import type { DataSource, EntityTarget, ObjectLiteral, ValueTransformer } from 'typeorm';
import type { Tx } from '../transaction';

interface ColumnCodec {
  readonly property: string;
  readonly column: string;
  readonly transformer: ValueTransformer | undefined;
  /** Both drivers hand booleans back as 1/0. */
  readonly boolean: boolean;
}

/**
 * Hand-written SQL for a table's hottest statements, with rows converted by the entity's own
 * column metadata (names and transformers), so entity and SQL cannot drift apart. TypeORM's query
 * builders spend far more CPU building a statement than SQLite spends running it; on the launch
 * and report paths that cost was most of control's CPU. Placeholders are `?`, which both drivers
 * take; identifiers are back-quoted, which both databases accept.
 */
export class RowCodec<E extends ObjectLiteral> {
  readonly table: string;
  private readonly columns: readonly ColumnCodec[];
  private readonly byProperty: ReadonlyMap<string, ColumnCodec>;
  private readonly insertSql: string;

  constructor(dataSource: DataSource, private readonly entity: EntityTarget<E> & (new () => E)) {
    const metadata = dataSource.getMetadata(entity);
    this.table = metadata.tableName;
    this.columns = metadata.columns.map((c) => ({ property: c.propertyName, column: c.databaseName, transformer: singleTransformer(c.transformer), boolean: c.type === 'boolean' || c.type === Boolean }));
    this.byProperty = new Map(this.columns.map((c) => [c.property, c]));
    this.insertSql = `INSERT INTO \`${this.table}\` (${this.columns.map((c) => `\`${c.column}\``).join(', ')}) VALUES (${this.columns.map(() => '?').join(', ')})`;
  }

  /** The entity for a raw row of `SELECT *`. */
  fromRow(row: Record<string, unknown>): E {
    const entity = new this.entity();
    const target = entity as Record<string, unknown>;
    for (const c of this.columns) {
      const value = row[c.column];
      target[c.property] = c.transformer ? c.transformer.from(value) : c.boolean && value !== null ? Boolean(value) : value;
    }
    return entity;
  }

  async selectOne(tx: Tx, where: string, params: readonly unknown[]): Promise<E | undefined> {
    const rows = await tx.query<Record<string, unknown>[]>(`SELECT * FROM \`${this.table}\` WHERE ${where} LIMIT 1`, [...params]);
    return rows.length ? this.fromRow(rows[0]) : undefined;
  }

  async select(tx: Tx, where: string, params: readonly unknown[]): Promise<E[]> {
    const rows = await tx.query<Record<string, unknown>[]>(`SELECT * FROM \`${this.table}\` WHERE ${where}`, [...params]);
    return rows.map((row) => this.fromRow(row));
  }

  async insert(tx: Tx, entity: E): Promise<void> {
    await tx.query(this.insertSql, this.columns.map((c) => this.toDatabase(c, entity[c.property])));
  }

  /**
   * `UPDATE … SET <patch>[, extra] WHERE <where>`; returns the rows it changed. `extraSet` is raw SQL
   * such as `version = version + 1`. Properties of the patch that are undefined are left alone.
   */
  async update(tx: Tx, patch: Partial<E>, extraSet: readonly string[], where: string, whereParams: readonly unknown[]): Promise<number> {
    const sets: string[] = [];
    const params: unknown[] = [];
    for (const [property, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      const c = this.byProperty.get(property);
      if (!c) throw new Error(`${this.table} has no column for property ${property}`);
      sets.push(`\`${c.column}\` = ?`);
      params.push(this.toDatabase(c, value));
    }
    sets.push(...extraSet);
    if (!sets.length) return 0;
    return execute(tx, `UPDATE \`${this.table}\` SET ${sets.join(', ')} WHERE ${where}`, [...params, ...whereParams]);
  }

  private toDatabase(c: ColumnCodec, value: unknown): unknown {
    const stored = c.transformer ? (c.transformer.to(value) as unknown) : value;
    if (stored === undefined) return null;
    // better-sqlite3 binds no booleans; MySQL reads 1/0 the same.
    return typeof stored === 'boolean' ? Number(stored) : stored;
  }
}

function singleTransformer(transformer: ValueTransformer | ValueTransformer[] | undefined): ValueTransformer | undefined {
  if (Array.isArray(transformer)) throw new Error('RowCodec supports one transformer per column');
  return transformer;
}

/** Runs a write and counts the rows it changed, the same way on both drivers (TypeORM's structured result). */
export async function execute(tx: Tx, sql: string, params: readonly unknown[]): Promise<number> {
  const owned = tx.queryRunner ? undefined : tx.connection.createQueryRunner();
  const runner = tx.queryRunner ?? owned!;
  try {
    const result = await runner.query(sql, [...params], true);
    return Number(result.affected ?? 0);
  } finally {
    await owned?.release();
  }
}
