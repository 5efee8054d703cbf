#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into build/native/electron/, leaving the Node build in
// node_modules for the CLI and the tests. The main process loads it through better-sqlite3's
// `nativeBinding` option. Needs Electron's headers (downloaded by node-gyp on first use), so it
// runs when the desktop app is started or packaged, never at `npm install`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const sqliteRoot = dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = JSON.parse(readFileSync(join(sqliteRoot, 'package.json'), 'utf8')).version;
const outDir = 'build/native/electron';
const stamp = join(outDir, 'stamp.json');
const wanted = JSON.stringify({ electronVersion, sqliteVersion, arch: process.arch });

if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) {
  console.log(`better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} is already built`);
  process.exit(0);
}

const work = 'build/native/electron-src';
rmSync(work, { recursive: true, force: true });
cpSync(sqliteRoot, work, { recursive: true, filter: (path) => !path.includes(`${join(sqliteRoot, 'build')}`) });
const nodeGyp = join(dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js');
const result = spawnSync(
  process.execPath,
  [
    nodeGyp,
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    `--arch=${process.arch}`,
    '--dist-url=https://electronjs.org/headers',
  ],
  { cwd: work, stdio: 'inherit' },
);
if (result.status !== 0) {
  console.error('Could not build better-sqlite3 for Electron (Electron headers need a network connection once).');
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });
cpSync(join(work, 'build/Release/better_sqlite3.node'), join(outDir, 'better_sqlite3.node'));
writeFileSync(stamp, wanted);
rmSync(work, { recursive: true, force: true });
console.log(`Built better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} into ${outDir}`);
