import { describe, expect, it } from 'vitest';
import { planRollout, type PlanInput } from '../../src/main/domain/plan/planner';
import { SERVICE_KINDS, type Member, type Service } from '../../src/shared/domain/graph';
import { RINGS } from '../../src/shared/domain/host';
import type { Plan, PlanBatch, WeeklyWindow } from '../../src/shared/domain/plan';
import { service } from './planner-graphs';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'];

/**
 * A random site, the same for a seed: hosts in random rings, some left out of the selection,
 * services of every kind (a host in at most one database cluster, so replica-first never loops),
 * edges that may form cycles, and a random policy with windows on whole hours.
 */
function world(seed: number, size = { hosts: 4 + (seed % 37), services: 1 + (seed % 9) }): PlanInput {
  let state = seed;
  const pick = (n: number): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
  const choose = <T>(values: readonly T[]): T => values[pick(values.length)] as T;
  const names = Array.from({ length: size.hosts }, (_, i) => `h${String(i).padStart(4, '0')}`);
  const pool = [...names, 'x1', 'x2', 'x3'];
  const inCluster = new Set<string>();
  const services: Service[] = Array.from({ length: size.services }, (_, s) => {
    const kind = choose(SERVICE_KINDS);
    const hosts = new Set<string>();
    const wanted = 1 + pick(Math.min(12, pool.length));
    for (let tries = 0; hosts.size < wanted && tries < wanted * 4; tries += 1) {
      const host = choose(pool);
      if (kind !== 'database-cluster' || !inCluster.has(host)) hosts.add(host);
    }
    const members: [string, Member['role']][] = [...hosts].map((host, at) => {
      if (kind !== 'database-cluster') return [host, choose(['web', 'api', 'member', 'load-balancer'] as const)];
      inCluster.add(host);
      return [host, at === 0 || pick(8) === 0 ? 'database-primary' : 'database-replica'];
    });
    return service(`s${s}`, kind, pick(members.length + 1), members);
  });
  const drawn = new Set<string>();
  for (let e = pick(size.services * 2); e > 0; e -= 1) {
    const from = pick(size.services);
    const to = pick(size.services);
    if (from !== to) drawn.add(`s${from} s${to}`);
  }
  const rings = RINGS.filter(() => pick(4) !== 0);
  const windows: WeeklyWindow[] = Array.from({ length: pick(3) }, () => ({
    days: [0, 1, 2, 3, 4, 5, 6].filter(() => pick(2) === 0),
    start: `${String(pick(24)).padStart(2, '0')}:00`,
    end: `${String(pick(24)).padStart(2, '0')}:00`,
  })).filter((window) => window.days.length > 0);
  return {
    hosts: names.filter(() => pick(8) !== 0).map((name) => ({ name, ring: choose(RINGS) })),
    graph: {
      services,
      edges: [...drawn].map((edge) => {
        const [from = '', to = ''] = edge.split(' ');
        return { from, to };
      }),
    },
    policy: {
      rings: rings.length > 0 ? [...rings].sort(() => pick(3) - 1) : ['critical'],
      approvalRings: RINGS.filter(() => pick(2) === 0),
      approvalRules: [],
      maxConcurrent: 1 + pick(6),
      canary: pick(2) === 0,
      batchMinutes: choose([30, 60, 90, 120]),
      windows,
      timeZone: choose(ZONES),
    },
    start: new Date(Date.UTC(2026, 0, 1) + pick(365) * DAY + pick(24 * 60) * MINUTE),
  };
}

/** A wall-clock reading in the zone, as if it were UTC: read apart from the planner's own code. */
function wallClock(timeZone: string): (iso: string) => number {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  return (iso) => {
    const part = (type: string) => Number(format.formatToParts(new Date(iso)).find((p) => p.type === type)?.value);
    return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  };
}

const minutes = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));

/** Whether the batch lies in one occurrence of a window, by the site's clock. */
function inWindow(batch: PlanBatch, windows: readonly WeeklyWindow[], wall: (iso: string) => number): boolean {
  const start = wall(batch.window.start);
  const end = wall(batch.window.end);
  const today = Math.floor(start / DAY) * DAY;
  return windows.some((window) =>
    [today, today - DAY].some((day) => {
      const crosses = minutes(window.end) <= minutes(window.start) ? DAY : 0;
      return (
        window.days.includes(new Date(day).getUTCDay()) &&
        day + minutes(window.start) * MINUTE <= start &&
        end <= day + crosses + minutes(window.end) * MINUTE
      );
    }),
  );
}

/** Services that depend on each other, directly or not (reachability over the edges). */
function reaches(input: PlanInput): (from: string, to: string) => boolean {
  const next = new Map<string, string[]>();
  for (const edge of input.graph.edges) next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  return (from, to) => {
    const seen = new Set([from]);
    const queue = [from];
    for (let at = queue.shift(); at !== undefined; at = queue.shift())
      for (const target of next.get(at) ?? []) {
        if (target === to) return true;
        if (seen.has(target)) continue;
        seen.add(target);
        queue.push(target);
      }
    return false;
  };
}

function checkPlan(input: PlanInput, result: Plan): void {
  const { policy } = input;
  const batches = result.rings.flatMap((ring) => ring.batches.map((batch) => ({ ring: ring.name, batch })));
  const seq = new Map(batches.flatMap(({ batch }, at) => batch.hosts.map((host) => [host, at] as const)));
  const layer = new Map(batches.flatMap(({ batch }) => batch.hosts.map((host) => [host, batch.layer] as const)));

  // Every host of the selection is placed exactly once or unplaced.
  const selected = [...new Set(input.hosts.map((host) => host.name))].sort();
  const accounted = [...batches.flatMap(({ batch }) => batch.hosts), ...result.unplaced.map((u) => u.host)];
  expect(accounted.sort()).toEqual(selected);

  // Rings in policy order; batches inside respect every budget and maxConcurrent.
  const ringOrder = result.rings.map((ring) => policy.rings.indexOf(ring.name));
  expect(ringOrder).toEqual([...ringOrder].sort((a, b) => a - b));
  for (const { batch } of batches) {
    expect(batch.hosts.length).toBeGreaterThan(0);
    expect(batch.hosts.length).toBeLessThanOrEqual(policy.maxConcurrent);
    expect(batch.hosts).toEqual([...batch.hosts].sort());
    for (const s of input.graph.services) {
      const down = s.members.filter((member) => batch.hosts.includes(member.host)).length;
      expect(down).toBeLessThanOrEqual(s.members.length - s.minHealthy);
    }
  }
  for (const ring of result.rings) {
    const layers = ring.batches.map((batch) => batch.layer);
    expect(layers).toEqual([...layers].sort((a, b) => a - b));
    const hosts = ring.batches.reduce((sum, batch) => sum + batch.hosts.length, 0);
    expect(ring.batches.map((batch) => batch.canary)).toEqual(
      ring.batches.map((_, at) => policy.canary && hosts > 1 && at === 0),
    );
    if (ring.batches[0]?.canary) expect(ring.batches[0].hosts).toHaveLength(1);
  }

  // One after another from the start, each batchMinutes long, inside one window occurrence.
  const wall = wallClock(policy.timeZone);
  let clock = input.start.getTime();
  for (const { batch } of batches) {
    const start = Date.parse(batch.window.start);
    expect(start).toBeGreaterThanOrEqual(clock);
    expect(Date.parse(batch.window.end) - start).toBe(policy.batchMinutes * MINUTE);
    if (policy.windows.length > 0) expect(inWindow(batch, policy.windows, wall)).toBe(true);
    clock = Date.parse(batch.window.end);
  }

  // Replicas before primaries, with a switchover to the first patched replica by name.
  for (const s of input.graph.services.filter((candidate) => candidate.kind === 'database-cluster')) {
    const role = (wanted: Member['role']) =>
      s.members.filter((member) => member.role === wanted && seq.has(member.host)).map((member) => member.host);
    const replicas = role('database-replica').sort();
    for (const primary of role('database-primary')) {
      const at = seq.get(primary) ?? -1;
      for (const replica of replicas) expect(seq.get(replica)).toBeLessThan(at);
      if (replicas[0] !== undefined)
        expect(batches[at]?.batch.switchovers).toContainEqual({ service: s.id, from: primary, to: replicas[0] });
    }
  }

  // A host in only one service, not a primary, is patched before the hosts of services that
  // depend on its service in the same ring (unless the two are in a cycle).
  const depends = reaches(input);
  const servicesOf = (host: string) => input.graph.services.filter((s) => s.members.some((m) => m.host === host));
  const ringOf = new Map(batches.flatMap(({ ring, batch }) => batch.hosts.map((host) => [host, ring] as const)));
  for (const edge of input.graph.edges) {
    if (depends(edge.to, edge.from)) continue;
    const members = (id: string) =>
      input.graph.services.find((s) => s.id === id)?.members.filter((m) => seq.has(m.host)) ?? [];
    for (const below of members(edge.to)) {
      if (below.role === 'database-primary' || servicesOf(below.host).length > 1) continue;
      for (const above of members(edge.from))
        if (ringOf.get(above.host) === ringOf.get(below.host))
          expect(layer.get(above.host) ?? 0).toBeGreaterThan(layer.get(below.host) ?? 0);
    }
  }
}

describe('plans of random sites', () => {
  it.each(Array.from({ length: 150 }, (_, i) => i + 1))('keeps every rule for site %i', (seed) => {
    const input = world(seed * 7919);
    const result = planRollout(input);
    checkPlan(input, result);
    // The same plan whatever order the hosts and services come in.
    const reversed = {
      ...input,
      hosts: [...input.hosts].reverse(),
      graph: { ...input.graph, services: [...input.graph.services].reverse() },
    };
    expect(planRollout(reversed)).toEqual(result);
  });

  it('plans 2,000 hosts and 300 services well inside the 2 s budget, keeping every rule', () => {
    const input = world(42, { hosts: 2000, services: 300 });
    const started = performance.now();
    const result = planRollout(input);
    const took = performance.now() - started;
    checkPlan(input, result);
    expect(took).toBeLessThan(2000);
  });
});
