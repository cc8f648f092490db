#!/usr/bin/env node
'use strict';
// Runs a compiled entry point from dist/ with the @ecs/* path aliases resolved against dist/,
// so the same tsconfig paths serve the type checker, jest and the compiled program.
const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');

function runCompiled(entry) {
  const target = path.join(dist, entry);
  if (!fs.existsSync(target)) {
    process.stderr.write(`${entry} is not built yet: run "npm run build" (or "npm install", which builds).\n`);
    process.exit(1);
  }
  const { compilerOptions } = require(path.join(root, 'tsconfig.json'));
  require('tsconfig-paths').register({ baseUrl: dist, paths: compilerOptions.paths });
  require('reflect-metadata');
  require(target);
}

module.exports = { runCompiled };

if (require.main === module) {
  const entry = process.argv[2];
  if (!entry) {
    process.stderr.write('usage: node scripts/run.js <entry relative to dist/>\n');
    process.exit(2);
  }
  process.argv.splice(2, 1);
  runCompiled(entry);
}
