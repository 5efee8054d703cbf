#!/usr/bin/env node
// Queue bench (issue 5): matching 1,000 hosts x 2,000 installed packages against 100,000
// advisories, and ranking 1,000,000 findings into the patch queue, on synthetic data. Each phase
// runs in a child process of its own so that its peak memory (max RSS) is its own. Baselines in
// the same child: for matching, the same lookups without version comparison; for ranking,
// grouping the same findings by fix and sorting the groups, with no scoring.
// The hosts run a few patch levels of each package, as a fleet does (most on the current one).
// Ranking is given KEV, EPSS and NVD's CVSS (for four CVEs in five) as lookups, as the app does.
// Targets: matching under 10 s and 1.5 GB, ranking under 3 s.
// `node bench/queue.mjs` (or `node bench/queue.mjs rank` for one phase), or part of `npm run bench`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const DOMAIN = resolve(import.meta.dirname, '../src/main/domain');
const HOSTS = 1000;
const PACKAGES_PER_HOST = 2000;
const ADVISORIES = 100_000;
const SOURCE_NAMES = 20_000;
const FINDINGS = 1_000_000;

/** The domain code as Patchwise runs it, bundled from source (the app's build keeps it private). */
export async function bundleDomain(dir) {
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `export { indexAdvisories, matchPackages } from ${JSON.stringify(join(DOMAIN, 'match/match.ts'))};\n` +
      `export { buildQueue } from ${JSON.stringify(join(DOMAIN, 'queue/queue.ts'))};\n`,
  );
  const [bundle] = await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry, formats: ['es'], fileName: 'domain' } },
  });
  const file = join(dir, 'domain.mjs');
  writeFileSync(file, bundle.output[0].code);
  return file;
}

// The child: generates its phase's data deterministically, times the work and the baseline.
const CHILD = String.raw`
const [phase, domainFile] = process.argv.slice(2);
const { indexAdvisories, matchPackages, buildQueue } = await import(domainFile);
// mulberry32: 32-bit integer steps, so the sequence is the same on every run and well spread.
let state = 7;
const next = () => {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (n) => Math.floor(next() * n);
const time = (work) => { const t = performance.now(); const r = work(); return [performance.now() - t, r]; };
const result = {};
if (phase === 'match') {
  // A fleet runs a few patch levels of each package: per source, an old, a middle and a current
  // version (most hosts current). Most advisories were fixed long ago (in the middle version),
  // some in the current one, a few in one the mirror does not have yet.
  const levels = Array.from({ length: ${SOURCE_NAMES} }, () => {
    const major = 1 + pick(4);
    return [0, 1, 2, 3].map((step) => String(major) + '.' + String(step * 3 + pick(3)) + '-1');
  });
  const fixedLevel = () => { const r = next(); return r < 0.6 ? 1 : r < 0.9 ? 2 : 3; };
  const advisories = Array.from({ length: ${ADVISORIES} }, (_, i) => {
    const source = pick(${SOURCE_NAMES});
    return {
      id: 'DEBIAN-CVE-2026-' + String(100000 + i), summary: '', severity: null, published: null,
      modified: '2026-11-01T00:00:00Z', withdrawn: null, cves: ['CVE-2026-' + String(100000 + i)],
      packages: [{ ecosystem: 'Debian:12', name: 'src' + String(source), introduced: '0', fixed: levels[source][fixedLevel()], lastAffected: null }],
    };
  });
  const hosts = Array.from({ length: ${HOSTS} }, () => Array.from({ length: ${PACKAGES_PER_HOST} }, () => {
    const source = pick(${SOURCE_NAMES});
    const r = next();
    return { name: 'src' + String(source) + '-bin', version: levels[source][r < 0.7 ? 2 : r < 0.9 ? 1 : 0], arch: 'amd64', source: 'src' + String(source) };
  }));
  const [ms, findings] = time(() => {
    const index = indexAdvisories(advisories);
    let count = 0;
    for (const packages of hosts) count += matchPackages('debian', packages, index).length;
    return count;
  });
  const [baseMs] = time(() => {
    const index = new Map();
    for (const a of advisories) for (const p of a.packages) index.set(p.name, [...(index.get(p.name) ?? []), p]);
    let count = 0;
    for (const packages of hosts) for (const p of packages) count += (index.get(p.source) ?? []).length;
    return count;
  });
  Object.assign(result, { ms, baseMs, findings });
} else {
  const fixes = 50000;
  // As matching makes them: a finding shares its advisory's id, CVE list and package name, and is
  // an object literal of the same fields in the same order, so all findings have one shape. (They
  // were the advisory spread with three fields added, which gives each finding a V8 hidden class of
  // its own: a million of them, over 400 MB, and each read of a finding a megamorphic lookup that
  // the app's findings never cost.)
  const advisories = Array.from({ length: fixes }, (_, f) => ({
    advisory: 'ADV-' + String(f), cves: ['CVE-2026-' + String(100000 + f)],
    severity: ['Critical', 'Important', 'Moderate', 'Low'][f % 4], package: 'pkg' + String(f),
  }));
  const hosts = Array.from({ length: 1000 }, (_, h) => ({
    host: { name: 'host' + String(h), exposure: ['internet-facing', 'internal', 'isolated'][h % 3], criticality: ['critical', 'high', 'medium', 'low'][h % 4] },
    findings: Array.from({ length: ${FINDINGS} / 1000 }, () => {
      const a = advisories[pick(fixes)];
      return { advisory: a.advisory, cves: a.cves, severity: a.severity, package: a.package, installed: '1.0-1', fixed: '1.1-1', state: 'vulnerable' };
    }),
  }));
  const kev = new Map(Array.from({ length: 1500 }, (_, i) => ['CVE-2026-' + String(100000 + i * 30), { cve: 'x', vendor: 'v', product: 'p', name: 'n', dateAdded: '2026-01-01', dueDate: '2026-12-01', ransomware: 'unknown', requiredAction: 'a' }]));
  const epss = new Map(Array.from({ length: fixes }, (_, i) => ['CVE-2026-' + String(100000 + i), { cve: 'x', probability: next(), percentile: next() }]));
  // NVD's CVSS for most CVEs, as the cve table gives it: a third fully automatable with total impact.
  const vectors = ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:H/I:L/A:N', 'CVSS:3.1/AV:L/AC:L/PR:L/UI:R/S:U/C:L/I:L/A:L'];
  const cvss = new Map(Array.from({ length: fixes }, (_, i) => ['CVE-2026-' + String(100000 + i), { score: Math.round(next() * 100) / 10, vector: vectors[i % 3], version: '3.1' }]).filter((_, i) => i % 5 !== 0));
  const feeds = { kev: (c) => kev.get(c), epss: (c) => epss.get(c), cvss: (c) => cvss.get(c) ?? null };
  // RSS once the findings and feeds are made: what ranking itself adds is the peak above this.
  result.dataMb = process.memoryUsage().rss / 1048576;
  const [ms, items] = time(() => buildQueue(hosts, feeds, new Date('2026-11-26T12:00:00Z')).length);
  const [baseMs] = time(() => {
    const groups = new Map();
    for (const { host, findings } of hosts) for (const f of findings) {
      const g = groups.get(f.advisory); if (g) g.push(host.name); else groups.set(f.advisory, [host.name]);
    }
    return [...groups].sort((a, b) => b[1].length - a[1].length).length;
  });
  Object.assign(result, { ms, baseMs, items, findings: ${FINDINGS} });
}
result.peakMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify(result));
`;

/** Both phases by default; `node bench/queue.mjs rank` runs one. */
export async function queueBench(phases = ['match', 'rank']) {
  const dir = mkdtempSync(join(tmpdir(), 'patchwise-queue-bench-'));
  try {
    const domain = await bundleDomain(dir);
    const child = join(dir, 'child.mjs');
    writeFileSync(child, CHILD);
    const run = (phase) =>
      JSON.parse(
        execFileSync(process.execPath, ['--max-old-space-size=4096', child, phase, domain], { encoding: 'utf8' }),
      );
    const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
    console.log(`\nqueue: synthetic, ${HOSTS} hosts x ${PACKAGES_PER_HOST} packages, ${ADVISORIES} advisories`);
    if (phases.includes('match')) {
      const match = run('match');
      console.log(
        `  matching  ${s(match.ms)}  peak ${match.peakMb.toFixed(0)} MB  ${match.findings} findings  ` +
          `(baseline lookups only ${s(match.baseMs)}, ratio ${(match.ms / match.baseMs).toFixed(2)}x; ` +
          `target < 10 s and < 1.5 GB: ${match.ms < 10_000 && match.peakMb < 1536 ? 'met' : 'MISSED'})`,
      );
    }
    if (phases.includes('rank')) {
      const rank = run('rank');
      console.log(
        `  ranking   ${s(rank.ms)}  peak ${rank.peakMb.toFixed(0)} MB (RSS with the findings generated, before ranking: ${rank.dataMb.toFixed(0)} MB)  ` +
          `${rank.findings} findings into ${rank.items} fixes  ` +
          `(baseline group and sort ${s(rank.baseMs)}, ratio ${(rank.ms / rank.baseMs).toFixed(2)}x; ` +
          `target < 3 s: ${rank.ms < 3000 ? 'met' : 'MISSED'})`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const phases = process.argv.slice(2);
  await queueBench(phases.length > 0 ? phases : undefined);
}
