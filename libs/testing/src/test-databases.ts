import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { Database } from '@ecs/persistence';

export interface TestDatabase {
  readonly db: Database;
  dispose(): Promise<void>;
}

export const MARIADB = {
  host: '127.0.0.1',
  port: 3306,
  user: 'root',
  password: '',
};

/** A migrated SQLite database in a fresh temporary folder, removed on dispose. */
export async function sqliteTestDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-test-'));
  const db = await Database.open({ kind: 'sqlite', file: join(dir, 'ecs.sqlite') });
  return {
    db,
    dispose: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A migrated database of its own on the real MariaDB server, dropped on dispose. */
export async function mariadbTestDatabase(poolSize = 10): Promise<TestDatabase> {
  const database = `ecs_test_${randomBytes(6).toString('hex')}`;
  const admin = await createConnection(MARIADB);
  await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4`);
  await admin.end();
  const db = await Database.open({ kind: 'mysql', ...MARIADB, database, poolSize });
  return {
    db,
    dispose: async () => {
      await db.close();
      const conn = await createConnection(MARIADB);
      await conn.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await conn.end();
    },
  };
}

export const TEST_DATABASES: [string, () => Promise<TestDatabase>][] = [
  ['sqlite', sqliteTestDatabase],
  ['mariadb', mariadbTestDatabase],
];
