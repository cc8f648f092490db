'use strict';
// Creates the platform's database on MariaDB when missing and brings its schema up to date with
// the project's own TypeORM migrations: libs/persistence `Database.open` runs them. The TypeScript
// sources are transpiled as they load (as jest's ts-jest does), so this always runs the migrations
// of the working tree, with no build step and no stale dist/ to trust. Connection settings come
// from the ECS_DB_* variables infra.sh passes.
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const root = path.resolve(__dirname, '..', '..');
const { compilerOptions } = require(path.join(root, 'tsconfig.json'));
const transpileOptions = { ...compilerOptions, module: ts.ModuleKind.CommonJS, sourceMap: false, inlineSourceMap: true, incremental: false };
require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions: transpileOptions, fileName: filename });
  module._compile(outputText, filename);
};
require('tsconfig-paths').register({ baseUrl: root, paths: compilerOptions.paths });
require('reflect-metadata');
const { createConnection } = require('mysql2/promise');
const { Database } = require('@ecs/persistence');

async function main() {
  const server = {
    host: process.env.ECS_DB_HOST || '127.0.0.1',
    port: Number(process.env.ECS_DB_PORT || 3306),
    user: process.env.ECS_DB_USER || 'root',
    password: process.env.ECS_DB_PASSWORD || '',
  };
  const database = process.env.ECS_DB_NAME || 'ecs';
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error(`ECS_DB_NAME must be letters, digits and _: ${database}`);
  const admin = await createConnection(server);
  try {
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4`);
  } finally {
    await admin.end();
  }
  const db = await Database.open({ kind: 'mysql', ...server, database, poolSize: 2 });
  try {
    const [{ n }] = await db.dataSource.query('SELECT COUNT(*) AS n FROM migrations');
    process.stderr.write(`infra: database ${database} migrated (${n} migrations applied)\n`);
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  process.stderr.write(`infra: migrating the database failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
