#!/usr/bin/env node
// The TypeORM CLI on our one DataSource.
//   npm run migration:generate -- <PascalVerbNoun>   writes migrations/<epoch-ms>-<Name>.ts from the entities
//   npm run migration:run                            applies pending migrations
//   npm run migration:revert                         reverts the last one
// From a source checkout it runs the TypeScript under ts-node; in a build without sources
// (the production image) it runs the compiled DataSource in dist/.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const [command, name] = process.argv.slice(2);
const fromSource =
  existsSync(join(root, 'src')) && existsSync(join(root, 'node_modules', 'ts-node'));
const dataSource = fromSource
  ? 'src/database/cli-data-source.ts'
  : 'dist/src/database/cli-data-source.js';
const node = fromSource
  ? ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register']
  : [];
const cli = require.resolve('typeorm/cli.js', { paths: [root] });

function run(args) {
  const result = spawnSync(process.execPath, [...node, cli, ...args, '-d', dataSource], {
    cwd: root,
    stdio: 'inherit',
  });
  return result.status ?? 1;
}

switch (command) {
  case 'generate': {
    if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
      console.error(
        '用法 / Usage: npm run migration:generate -- <PascalVerbNoun>, e.g. CreateEvents',
      );
      process.exit(2);
    }
    const status = run(['migration:generate', '--pretty', `migrations/${name}`]);
    if (status === 0) {
      const prettier = require.resolve('prettier/bin/prettier.cjs', { paths: [root] });
      spawnSync(process.execPath, [prettier, '--log-level', 'warn', '--write', 'migrations/'], {
        cwd: root,
        stdio: 'inherit',
      });
    }
    process.exit(status);
    break;
  }
  case 'run':
  case 'revert':
  case 'show':
    process.exit(run([`migration:${command}`]));
    break;
  default:
    console.error('用法 / Usage: node scripts/typeorm.js generate <Name> | run | revert | show');
    process.exit(2);
}
