#!/usr/bin/env node
// Plan bench (issue 6): planning a rollout of 2,000 hosts in 300 services, on a synthetic site
// shaped like a real one: 58 applications, each a load balancer pair in front of web servers, API
// servers, batch workers and a database cluster (primary and replicas, the replicas a ring
// earlier now and then), and 10 shared services (DNS, LDAP, a message queue, caches...) that
// applications depend on; some API servers also run workers; the rest of the hosts are in no
// service. Windows on weeknights and all weekend in Europe/Berlin, from a start a week before the
// clocks go forward. The planner runs in a child process of its own, so that its peak memory
// (max RSS) is its own: once cold, as the app runs it when asked, then several times warm (the
// median counts). Baseline in the same child: sorting and
// grouping the same hosts by ring and dependency depth into batches of maxConcurrent, with no
// budgets, replicas or windows. Target: planning under 2 s.
// `node bench/plan.mjs`, or part of `npm run bench`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const PLANNER = resolve(import.meta.dirname, '../src/main/domain/plan/planner.ts');
const COMMON = resolve(import.meta.dirname, 'common.mjs');
const HOSTS = 2000;
const SERVICES = 300;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TARGET_MS = 2000;

/** The planner as Patchwise runs it, bundled from source (the app's build keeps it private). */
async function bundlePlanner(dir) {
  const entry = join(dir, 'entry.ts');
  writeFileSync(entry, `export { planRollout } from ${JSON.stringify(PLANNER)};\n`);
  const [bundle] = await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry, formats: ['es'], fileName: 'planner' } },
  });
  const file = join(dir, 'planner.mjs');
  writeFileSync(file, bundle.output[0].code);
  return file;
}

// The child: builds the site deterministically, times the baseline and the planner.
const CHILD = String.raw`
const [plannerFile, commonFile, runs] = process.argv.slice(2);
const { planRollout } = await import(plannerFile);
const { random } = await import(commonFile);
const next = random(6);
const pick = (n) => Math.floor(next() * n);
const RINGS = ['test', 'non-critical', 'important', 'critical'];
const hosts = [];
const services = [];
const edges = [];
let counter = 0;
const newHosts = (prefix, count, ring) =>
  Array.from({ length: count }, () => {
    const name = prefix + String(counter++).padStart(4, '0');
    hosts.push({ name, ring });
    return name;
  });
const addService = (id, kind, members, minHealthy) =>
  services.push({ id, name: id, kind, minHealthy, members, drain: null, position: null });
const as = (role) => (host) => ({ host, role });

const SHARED = [['dns', 4, 2], ['ldap', 3, 2], ['mq', 5, 3], ['cache', 6, 4], ['monitoring', 2, 1],
  ['backup', 2, 1], ['logs', 4, 2], ['ntp', 3, 1], ['proxy', 3, 2], ['vault', 3, 2]];
for (const [id, size, minHealthy] of SHARED)
  addService(id, 'service', newHosts(id, size, 'critical').map(as('member')), minHealthy);
for (const [id] of SHARED.slice(1)) edges.push({ from: id, to: 'dns' });

const APPS = (${SERVICES} - SHARED.length) / 5;
for (let app = 0; app < APPS; app += 1) {
  const r = next();
  const ring = r < 0.1 ? 'test' : r < 0.4 ? 'non-critical' : r < 0.75 ? 'important' : 'critical';
  const earlier = RINGS[Math.max(0, RINGS.indexOf(ring) - 1)];
  const id = (tier) => 'app' + String(app) + '-' + tier;
  addService(id('lb'), 'load-balancer', newHosts('lb', 2, ring).map(as('load-balancer')), 1);
  const webs = newHosts('web', 4 + pick(7), ring);
  addService(id('web'), 'service', webs.map(as('web')), webs.length - 1 - pick(2));
  const apis = newHosts('api', 3 + pick(6), ring);
  addService(id('api'), 'service', apis.map(as('api')), apis.length - 1 - pick(2));
  // Some API servers run batch work too.
  const workers = [...newHosts('worker', 4 + pick(13), ring), ...apis.filter(() => pick(10) === 0)];
  addService(id('worker'), 'service', workers.map(as('member')), Math.ceil(workers.length / 2));
  const primary = newHosts('db', 1, ring);
  const replicas = newHosts('db', 1 + pick(3), pick(3) === 0 ? earlier : ring);
  addService(id('db'), 'database-cluster', [...primary.map(as('database-primary')), ...replicas.map(as('database-replica'))], 1);
  edges.push({ from: id('lb'), to: id('web') }, { from: id('web'), to: id('api') }, { from: id('api'), to: id('db') },
    { from: id('worker'), to: id('db') }, { from: id('worker'), to: 'mq' }, { from: id('api'), to: 'ldap' },
    { from: id('web'), to: 'dns' });
  if (pick(2) === 0) edges.push({ from: id('api'), to: 'cache' });
  if (app > 0 && pick(10) === 0) edges.push({ from: id('api'), to: 'app' + String(pick(app)) + '-api' });
}
// Hosts in no service (file servers, jump hosts, build machines) make up the rest.
while (hosts.length < ${HOSTS}) newHosts('misc', 1, RINGS[pick(4)]);

const graph = { services, edges };
const policy = {
  rings: RINGS, approvalRings: ['critical'], maxConcurrent: 25, canary: true, batchMinutes: 30,
  windows: [{ days: [1, 2, 3, 4, 5], start: '20:00', end: '06:00' }, { days: [0, 6], start: '00:00', end: '00:00' }],
  timeZone: 'Europe/Berlin',
};
const start = new Date('2026-03-22T19:00:00Z');
const input = { hosts, graph, policy, start };
const dataMb = process.memoryUsage().rss / 1048576;

// Baseline: the grouping any plan starts from, by ring, then by how deep a host's services sit
// in the dependency graph, then by name, cut into batches of maxConcurrent.
function baseline() {
  const next = new Map();
  for (const edge of edges) next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  const depth = new Map();
  const depthOf = (id) => {
    if (!depth.has(id)) depth.set(id, 1 + Math.max(-1, ...(next.get(id) ?? []).map(depthOf)));
    return depth.get(id);
  };
  const layer = new Map();
  for (const service of services)
    for (const member of service.members) layer.set(member.host, Math.max(layer.get(member.host) ?? 0, depthOf(service.id)));
  const sorted = [...hosts].sort((a, b) => RINGS.indexOf(a.ring) - RINGS.indexOf(b.ring) ||
    (layer.get(a.name) ?? 0) - (layer.get(b.name) ?? 0) || (a.name < b.name ? -1 : 1));
  const batches = [];
  for (let at = 0; at < sorted.length; at += policy.maxConcurrent) batches.push(sorted.slice(at, at + policy.maxConcurrent));
  return batches.length;
}

const time = (work) => { const t = performance.now(); const r = work(); return [performance.now() - t, r]; };
const baseMs = [];
const planMs = [];
// The first plan in a fresh process, as the app makes it when asked once: code not yet optimised.
let [coldMs, plan] = time(() => planRollout(input));
// Two more warm-ups of each, then alternate so that machine noise falls on both alike.
for (let run = 0; run < 2; run += 1) {
  baseline();
  planRollout(input);
}
for (let run = 0; run < Number(runs); run += 1) {
  baseMs.push(time(baseline)[0]);
  const [ms, result] = time(() => planRollout(input));
  planMs.push(ms);
  plan = result;
}
const batches = plan.rings.flatMap((ring) => ring.batches);
const last = batches.at(-1);
console.log(JSON.stringify({
  coldMs, planMs, baseMs, dataMb, peakMb: process.resourceUsage().maxRSS / 1024,
  hosts: hosts.length, services: services.length, edges: edges.length,
  batches: batches.length, rings: plan.rings.length, unplaced: plan.unplaced.length, warnings: plan.warnings.length,
  switchovers: batches.reduce((sum, batch) => sum + batch.switchovers.length, 0),
  first: batches[0]?.window.start, last: last?.window.end,
}));
`;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function planBench() {
  const dir = mkdtempSync(join(tmpdir(), 'patchwise-plan-bench-'));
  try {
    const planner = await bundlePlanner(dir);
    const child = join(dir, 'child.mjs');
    writeFileSync(child, CHILD);
    const r = JSON.parse(execFileSync(process.execPath, [child, planner, COMMON, String(RUNS)], { encoding: 'utf8' }));
    const ms = (value) => `${value.toFixed(1)} ms`;
    const planned = median(r.planMs);
    const base = median(r.baseMs);
    console.log(
      `\nplan: synthetic, ${r.hosts} hosts in ${r.services} services (${r.edges} edges), windows in Europe/Berlin`,
    );
    console.log(
      `  planning  ${ms(planned)} median of ${RUNS} warm runs (${ms(Math.min(...r.planMs))}..${ms(Math.max(...r.planMs))}), ` +
        `first run ${ms(r.coldMs)}  ` +
        `peak ${r.peakMb.toFixed(0)} MB (RSS with the site generated, before planning: ${r.dataMb.toFixed(0)} MB)`,
    );
    console.log(
      `  ${r.batches} batches in ${r.rings} rings, ${r.switchovers} switchovers, ${r.unplaced} unplaced, ` +
        `${r.warnings} warnings; ${r.first} to ${r.last}`,
    );
    console.log(
      `  baseline sort and group by ring and layer ${ms(base)}, ratio ${(planned / base).toFixed(1)}x; ` +
        `target < 2 s (first run and median): ${Math.max(planned, r.coldMs) < TARGET_MS ? 'target met' : 'TARGET MISSED'}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await planBench();
