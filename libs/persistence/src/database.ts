import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'mysql'; readonly host: string; readonly port: number; readonly user: string; readonly password: string; readonly database: string; readonly poolSize?: number };

const MYSQL_RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

/**
 * The one owner of the TypeORM DataSource. All writes go through `transaction`:
 * - SQLite (better-sqlite3) shares a single connection, so TypeORM would nest concurrent
 *   transactions as savepoints of one another; a FIFO mutex keeps them apart.
 * - MySQL retries a transaction the server chose as a deadlock victim.
 */
export class Database {
  private sqliteQueue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly dataSource: DataSource,
    readonly kind: DatabaseConfig['kind'],
  ) {}

  static async open(config: DatabaseConfig, options: { runMigrations?: boolean } = {}): Promise<Database> {
    const dataSource = new DataSource(dataSourceOptions(config));
    await dataSource.initialize();
    const database = new Database(dataSource, config.kind);
    if (options.runMigrations ?? true) await dataSource.runMigrations({ transaction: 'each' });
    return database;
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /** Reads outside a transaction: on SQLite they also queue, so they never see a half-open transaction. */
  async read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.kind === 'sqlite') return this.serialise(() => work(this.dataSource.manager));
    return work(this.dataSource.manager);
  }

  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.kind === 'sqlite') return this.serialise(() => this.dataSource.transaction(work));
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(work);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attempt >= 5 || code === undefined || !MYSQL_RETRYABLE.has(code)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10));
      }
    }
  }

  async close(): Promise<void> {
    await this.sqliteQueue.catch(() => undefined);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  private serialise<T>(work: () => Promise<T>): Promise<T> {
    const run = this.sqliteQueue.then(work, work);
    this.sqliteQueue = run.catch(() => undefined);
    return run;
  }
}

function dataSourceOptions(config: DatabaseConfig): ConstructorParameters<typeof DataSource>[0] {
  switch (config.kind) {
    case 'sqlite':
      if (config.file !== ':memory:') mkdirSync(dirname(config.file), { recursive: true });
      return {
        type: 'better-sqlite3',
        database: config.file,
        entities: ENTITIES,
        migrations: MIGRATIONS,
        synchronize: false,
        // A FIFO cache of prepared statements: at TypeORM's default of 100 the hot statements were
        // evicted by the long tail and prepared again on every launch.
        statementCacheSize: 2_000,
        prepareDatabase: (db: { pragma(sql: string): unknown }) => {
          db.pragma('journal_mode = WAL');
          db.pragma('synchronous = NORMAL');
          db.pragma('busy_timeout = 5000');
        },
      };
    case 'mysql':
      return {
        type: 'mysql',
        host: config.host,
        port: config.port,
        username: config.user,
        password: config.password,
        database: config.database,
        entities: ENTITIES,
        migrations: MIGRATIONS,
        synchronize: false,
        poolSize: config.poolSize ?? 10,
        charset: 'utf8mb4',
      };
  }
}

/** True for a unique-key violation on either database. */
export function isDuplicateKey(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  const code = e.code ?? e.driverError?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
