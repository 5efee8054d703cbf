#!/usr/bin/env node
// Feed import bench: `patchwise feeds import` of a full-size KEV catalog (JSON, 1,500 entries,
// like CISA's) and a full-size EPSS file (300,000 rows, gzip, like FIRST's daily file), both
// synthetic, against a baseline run the same way: a Node process that reads the same files,
// gunzips and splits them and inserts the rows into SQLite in one transaction with no checks
// (the floor for "files into a database"). Prints wall time and peak memory (RSS) of each.
// `node bench/feeds.mjs` (after `npm run build`), or part of `npm run bench`.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { random } from './common.mjs';

const ROOT = join(import.meta.dirname, '..');
const RUNS = Number(process.env.FEEDS_BENCH_RUNS ?? 3);
const KEV_ENTRIES = 1500;
const EPSS_ROWS = 300_000;

function writeFiles(dir) {
  const next = random(42);
  const day = (offset) => new Date(Date.UTC(2021, 10, 3) + offset * 86_400_000).toISOString().slice(0, 10);
  const vulnerabilities = Array.from({ length: KEV_ENTRIES }, (_, i) => ({
    cveID: `CVE-${2015 + (i % 11)}-${String(10000 + i)}`,
    vendorProject: `Vendor ${i % 97}`,
    product: `Product ${i % 389}`,
    vulnerabilityName: `Vendor ${i % 97} Product ${i % 389} Improper Input Validation Vulnerability`,
    dateAdded: day(i),
    shortDescription: 'A synthetic entry of realistic length. '.repeat(6).trim(),
    requiredAction:
      'Apply mitigations per vendor instructions or discontinue use of the product if mitigations are unavailable.',
    dueDate: day(i + 21),
    knownRansomwareCampaignUse: next() < 0.15 ? 'Known' : 'Unknown',
    notes: `https://example.org/advisories/${i} ; https://nvd.nist.gov/vuln/detail/CVE-${2015 + (i % 11)}-${String(10000 + i)}`,
    cwes: ['CWE-20'],
  }));
  const kev = join(dir, 'known_exploited_vulnerabilities.json');
  const catalog = { title: 'CISA Catalog of Known Exploited Vulnerabilities', catalogVersion: '2026.11.20' };
  writeFileSync(
    kev,
    JSON.stringify(
      { ...catalog, dateReleased: '2026-11-20T17:00:00.000Z', count: KEV_ENTRIES, vulnerabilities },
      null,
      4,
    ),
  );
  const rows = ['#model_version:v2025.03.14,score_date:2026-11-20T12:00:00Z', 'cve,epss,percentile'];
  for (let i = 0; i < EPSS_ROWS; i++) {
    const score = next() ** 6;
    rows.push(`CVE-${1999 + (i % 28)}-${String(1000 + i)},${score.toFixed(5)},${Math.min(0.99999, next()).toFixed(5)}`);
  }
  const epss = join(dir, 'epss_scores-2026-11-20.csv.gz');
  writeFileSync(epss, gzipSync(`${rows.join('\n')}\n`));
  return { kev, epss };
}

// The floor: the same bytes into SQLite, no parsing beyond splitting, no checks, one transaction.
const BASELINE = `
const { readFileSync } = require('node:fs');
const { gunzipSync } = require('node:zlib');
const Database = require('better-sqlite3');
const [dbPath, kevPath, epssPath] = process.argv.slice(1);
const db = new Database(dbPath);
db.pragma('journal_mode = WAL');
db.exec('CREATE TABLE kev (cve TEXT PRIMARY KEY, body TEXT) WITHOUT ROWID; CREATE TABLE epss (cve TEXT PRIMARY KEY, p REAL, q REAL) WITHOUT ROWID;');
const kev = JSON.parse(readFileSync(kevPath, 'utf8')).vulnerabilities;
const lines = gunzipSync(readFileSync(epssPath)).toString('utf8').split('\\n').slice(2);
const k = db.prepare('INSERT INTO kev VALUES (?, ?)');
const e = db.prepare('INSERT INTO epss VALUES (?, ?, ?)');
db.transaction(() => {
  for (const v of kev) k.run(v.cveID, v.vulnerabilityName);
  for (const line of lines) { if (!line) continue; const [c, p, q] = line.split(','); e.run(c, Number(p), Number(q)); }
})();
db.close();
`;

/** Runs a command under GNU time: wall seconds and peak RSS; fails loudly if it fails. */
function timed(args) {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', 'BENCH %e %M', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('exit', (code) => {
      const match = /BENCH ([\d.]+) (\d+)/.exec(err);
      if (code !== 0 || !match) reject(new Error(`${args.join(' ')} exited with ${code}: ${err}${out}`));
      else resolve({ seconds: Number(match[1]), peakMb: Number(match[2]) / 1024 });
    });
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function feedsBench() {
  const dir = mkdtempSync(join(tmpdir(), 'patchwise-feeds-bench-'));
  try {
    const { kev, epss } = writeFiles(dir);
    const results = { patchwise: [], baseline: [] };
    for (let run = 0; run < RUNS; run++) {
      const dataDir = join(dir, `data-${run}`);
      results.patchwise.push(
        await timed([process.execPath, 'bin/patchwise.mjs', '--data-dir', dataDir, 'feeds', 'import', kev, epss]),
      );
      results.baseline.push(await timed([process.execPath, '-e', BASELINE, join(dir, `base-${run}.db`), kev, epss]));
    }
    console.log(
      `\nfeed import: KEV JSON (${KEV_ENTRIES} entries) + EPSS CSV.gz (${EPSS_ROWS} rows), synthetic, ${RUNS} runs (median)`,
    );
    for (const [name, runs] of Object.entries(results)) {
      const all = runs.map((r) => r.seconds.toFixed(2)).join(', ');
      console.log(
        `  ${name.padEnd(10)} ${median(runs.map((r) => r.seconds)).toFixed(2)} s   peak ${median(runs.map((r) => r.peakMb)).toFixed(0)} MB  (${all} s)`,
      );
    }
    const ratio = median(results.patchwise.map((r) => r.seconds)) / median(results.baseline.map((r) => r.seconds));
    console.log(`  ratio patchwise/baseline: ${ratio.toFixed(2)}x`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await feedsBench();
