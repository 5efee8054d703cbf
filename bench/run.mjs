#!/usr/bin/env node
// npm run bench, part 1: cold start of `patchwise serve` (fresh data folder: process start, migrations,
// listening) to a usable page in Chromium (html[data-app-ready]), against a baseline measured in
// the same run: a bare Node HTTP server started the same way, serving a page that marks itself
// ready at once. The ratio says what Patchwise adds on top of "Node + Chromium".
// Part 2, bench/feeds.mjs: importing full-size KEV and EPSS files against a bare SQLite insert.
// Part 3, bench/queue.mjs: matching 1,000 hosts x 2,000 packages to 100,000 advisories, ranking 1,000,000 findings.
// Part 3b, bench/queue-scroll.mjs: scrolling the Patch queue page through 100,000 fixes in Chromium.
// Part 3c, bench/plan.mjs: planning a rollout of 2,000 hosts in 300 services.
// Part 4, bench/scan.mjs: scanning the lab against Ansible and plain OpenSSH (root and a lab up).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from '@playwright/test';
import { feedsBench } from './feeds.mjs';
import { planBench } from './plan.mjs';
import { queueBench } from './queue.mjs';
import { queueScrollBench } from './queue-scroll.mjs';
import { scanBench } from './scan.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from './common.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);

const BASELINE_SERVER = `
const http = require('node:http');
const page = '<!doctype html><html><head><title>b</title></head><body><script>document.documentElement.dataset.appReady="true"</script></body></html>';
const server = http.createServer((q, r) => { r.writeHead(200, {'content-type': 'text/html'}); r.end(page); });
server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port + '/'));
`;

function startProcess(args) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /(http:\/\/\S+)/.exec(line);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
  return { child, url };
}

async function measure(browser, args) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const started = performance.now();
  const { child, url } = startProcess(args);
  const listening = await url;
  const listenedAt = performance.now();
  await page.goto(listening);
  await page.locator('html[data-app-ready="true"]').waitFor();
  const ready = performance.now();
  await context.close();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return { listen: listenedAt - started, total: ready - started };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const fmt = (ms) => `${ms.toFixed(0).padStart(5)} ms`;

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
const results = { baseline: [], patchwise: [] };
// Alternate the two so that machine noise falls on both alike; the first pair warms the disk cache.
for (let run = -1; run < RUNS; run += 1) {
  const dataDir = mkdtempSync(join(tmpdir(), 'patchwise-bench-'));
  const base = await measure(browser, ['-e', BASELINE_SERVER]);
  const patchwise = await measure(browser, ['bin/patchwise.mjs', 'serve', '--data-dir', dataDir, '--port', '0']);
  rmSync(dataDir, { recursive: true, force: true });
  if (run >= 0) {
    results.baseline.push(base);
    results.patchwise.push(patchwise);
  }
}
await browser.close();

console.log(`cold start to a usable page, ${RUNS} runs each (median; min..max)`);
for (const [name, runs] of Object.entries(results)) {
  const totals = runs.map((r) => r.total);
  const listens = runs.map((r) => r.listen);
  console.log(
    `  ${name.padEnd(10)} listening ${fmt(median(listens))}   usable page ${fmt(median(totals))}  (${Math.min(...totals).toFixed(0)}..${Math.max(...totals).toFixed(0)} ms)`,
  );
}
const ratio = median(results.patchwise.map((r) => r.total)) / median(results.baseline.map((r) => r.total));
console.log(`  ratio patchwise/baseline (usable page): ${ratio.toFixed(2)}x`);

await feedsBench();
await queueBench();
await queueScrollBench();
await planBench();
await scanBench();
