#!/usr/bin/env node
// The CLI is built with the rest of the app (npm run build); this file only finds it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  console.error('patchwise: the app is not built yet; run `npm run build` in the project folder first');
  process.exit(1);
}
await import(cli.href);
