// The data folder bench/queue-scroll.mjs scrolls through, seeded the way a site gets there: hosts
// with their latest inventories (written as finished scans, as test/e2e/queue.spec.ts does), then
// `patchwise feeds import` of a Debian security tracker file, an EPSS file and a KEV catalog, all
// synthetic and deterministic. Its queue lists FIXES fixes (one per CVE) over HOSTS hosts.
import { execFileSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { random } from './common.mjs';

const ROOT = resolve(import.meta.dirname, '..');
export const FIXES = 100_000;
export const HOSTS = 200;
const CVES_PER_SOURCE = 8;
const SOURCES = FIXES / CVES_PER_SOURCE;

const cveOf = (source, n) => `CVE-2026-${String(100000 + source * CVES_PER_SOURCE + n)}`;
const binariesOf = (source) =>
  [`lib${String(source)}-${String(1 + (source % 3))}`, `src${String(source)}-utils`, `src${String(source)}-doc`].slice(
    0,
    1 + (source % 3),
  );

/** The fleet's hosts with their packages: each source is installed on one host for sure, on ~2 % of the rest too. */
function fleet(next) {
  const hosts = Array.from({ length: HOSTS }, (_, h) => ({
    name: `srv${String(h).padStart(3, '0')}`,
    address: `10.20.${String(Math.floor(h / 250))}.${String((h % 250) + 1)}`,
    exposure: h % 10 === 0 ? 'internet-facing' : 'internal',
    criticality: ['critical', 'high', 'medium', 'low'][h % 4],
    packages: [],
  }));
  for (let source = 0; source < SOURCES; source++) {
    for (const [h, host] of hosts.entries()) {
      if (h !== source % HOSTS && next() >= 0.02) continue;
      const version = `1.${String(Math.floor(next() * 4))}-1`;
      for (const name of binariesOf(source))
        host.packages.push({ name, version, arch: 'amd64', source: `src${String(source)}` });
    }
  }
  return hosts;
}

const KEV_ENTRY = {
  ...{ vendorProject: 'Synthetic', vulnerabilityName: 'Synthetic input handling vulnerability', notes: '' },
  ...{ shortDescription: 'Synthetic entry.', requiredAction: 'Apply updates per vendor instructions.' },
};

/** Synthetic feed files: every CVE fixed in bookworm past every installed version, all scored by EPSS, 1 % in KEV. */
function writeFeeds(dir, next) {
  const today = new Date().toISOString().slice(0, 10);
  const urgencies = ['high', 'medium', 'medium', 'low', 'low', 'unimportant', 'not yet assigned'];
  const tracker = {};
  const epss = [`#model_version:v2025.03.14,score_date:${today}T00:00:00Z`, 'cve,epss,percentile'];
  const kev = [];
  for (let source = 0; source < SOURCES; source++) {
    const issues = {};
    for (let n = 0; n < CVES_PER_SOURCE; n++) {
      const cve = cveOf(source, n);
      const urgency = urgencies[Math.floor(next() * urgencies.length)];
      issues[cve] = {
        description: `src${String(source)} before 2.0 mishandles input ${String(n)} (synthetic)`,
        scope: 'remote',
        releases: { bookworm: { status: 'resolved', fixed_version: '2.0-1', urgency } },
      };
      const probability = next() ** 6;
      epss.push(`${cve},${probability.toFixed(5)},${Math.min(0.99999, probability ** 0.2).toFixed(5)}`);
      if (next() >= 0.01) continue;
      const ransomware = next() < 0.2 ? 'Known' : 'Unknown';
      const dates = { dateAdded: today, dueDate: today };
      kev.push({
        ...KEV_ENTRY,
        ...dates,
        cveID: cve,
        product: `src${String(source)}`,
        knownRansomwareCampaignUse: ransomware,
      });
    }
    tracker[`src${String(source)}`] = issues;
  }
  const files = [join(dir, 'security-tracker.json'), join(dir, 'epss.csv'), join(dir, 'kev.json')];
  writeFileSync(files[0], JSON.stringify(tracker));
  writeFileSync(files[1], epss.join('\n') + '\n');
  const catalog = { title: 'Synthetic KEV', catalogVersion: today, dateReleased: new Date().toISOString() };
  writeFileSync(files[2], JSON.stringify({ ...catalog, count: kev.length, vulnerabilities: kev }));
  return files;
}

/**
 * The store code the app runs, bundled from source for this process (the app's build keeps it
 * private); packages stay outside, imported from this project's node_modules by absolute URL.
 */
async function bundleStore(dir) {
  const entry = join(dir, 'seed-entry.ts');
  const src = (path) => JSON.stringify(join(ROOT, 'src', path));
  writeFileSync(
    entry,
    `export { createApp } from ${src('main/app.ts')};\n` +
      `export { createScanRepo } from ${src('main/store/scan-repo.ts')};\n` +
      `export { createPassphraseCipher } from ${src('main/secrets/passphrase-cipher.ts')};\n` +
      `export { DEFAULT_HOST_INPUT } from ${src('shared/domain/host.ts')};\n`,
  );
  const packagesByPath = {
    name: 'packages-by-path',
    enforce: 'pre',
    resolveId(id) {
      if (id.startsWith('node:') || builtinModules.includes(id)) return { id, external: true };
      if (id.startsWith('.') || id.startsWith('/') || id === entry) return null;
      return { id: import.meta.resolve(id), external: true };
    },
  };
  const [bundle] = [
    await build({
      configFile: false,
      logLevel: 'silent',
      plugins: [packagesByPath],
      build: { write: false, minify: false, ssr: entry, rolldownOptions: { output: { format: 'es' } } },
    }),
  ].flat();
  const file = join(dir, 'seed.mjs');
  writeFileSync(file, bundle.output[0].code);
  return file;
}

/** A data folder whose queue lists FIXES fixes: hosts and inventories through the store, feeds through the CLI. */
export async function seedQueue(dataDir, work) {
  const next = random(11);
  const { createApp, createScanRepo, createPassphraseCipher, DEFAULT_HOST_INPUT } = await import(
    pathToFileURL(await bundleStore(work)).href
  );
  const app = createApp({
    dataDir,
    transport: 'headless',
    events: () => undefined,
    cipher: createPassphraseCipher('bench-queue-scroll'),
  });
  try {
    const ctx = { actor: 'bench seed' };
    const at = new Date().toISOString();
    const repo = createScanRepo(app.store.db);
    for (const { packages, ...host } of fleet(next)) {
      const added = app.services.hosts.add({ ...DEFAULT_HOST_INPUT, ...host, osFamily: 'debian' }, ctx);
      const runId = repo.createRun('manual', [added], at);
      const os = { id: 'debian', name: 'Debian GNU/Linux 12 (bookworm)', version: '12.8', family: 'debian' };
      const inventory = {
        ...{ os, kernel: '6.1.0-28-amd64', kernelInstalled: null, uptimeSeconds: 86_400, packages },
        ...{ upgrades: [], securityUpdates: [], rebootRequired: false, rebootReasons: [], servicesToRestart: null },
        ...{ connections: null, disks: [], memory: null, windows: null, warnings: [] },
      };
      repo.saveInventory(runId, added.id, inventory, null, at);
      repo.finishRun(runId, 'done', at);
    }
  } finally {
    app.close();
  }
  const files = writeFeeds(work, next);
  execFileSync(process.execPath, ['bin/patchwise.mjs', '--data-dir', dataDir, 'feeds', 'import', ...files], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
