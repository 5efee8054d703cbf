import type { Service, ServiceGraph } from '../../../shared/domain/graph';
import type { Ring } from '../../../shared/domain/host';
import type { Plan, PlanBatch, RolloutPolicy } from '../../../shared/domain/plan';
import { batchRing, type Batch, type BatchHost } from './batches';
import { condense, cycleThrough, ringLayers, type Components } from './layers';
import { replicaFirstOrder } from './replica-order';
import { selectHosts, type Candidate, type Unplaced } from './selection';
import { HORIZON_DAYS, slotsFor, type Slot } from './windows';
import { listOf } from './wording';

export interface PlanInput {
  /** The hosts to patch: the queue's selection. */
  hosts: readonly { name: string; ring: Ring }[];
  graph: ServiceGraph;
  policy: RolloutPolicy;
  start: Date;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * From a selection of hosts to a plan: rings in the policy's order; within a ring, dependency
 * layers (a service after those it depends on); within a layer, batches that keep every service
 * within its availability budget, database replicas before their primary; each batch in the next
 * slot an allowed window has. Pure and deterministic: the same input gives the same plan.
 */
export function planRollout(input: PlanInput): Plan {
  const { graph, policy } = input;
  const services = [...graph.services].sort((a, b) => compare(a.id, b.id));
  const spare = Int32Array.from(services, (service) => Math.max(0, service.members.length - service.minHealthy));
  const rings = [...new Set(policy.rings)];
  const { candidates, unplaced, warnings } = selectHosts(input.hosts, services, spare, rings);

  const dependsOn = dependencies(graph, services);
  const components = condense(graph, services, dependsOn);
  for (const cycle of components.cycles) {
    const ids = (list: number[]): string[] => list.map((service) => services[service]?.id ?? '');
    warnings.push(
      `Services ${listOf(ids(cycle))} depend on each other in a cycle (${ids(cycleThrough(cycle, dependsOn)).join(' -> ')}): ` +
        'they share a layer, so none of them waits for the others',
    );
  }

  const replicaFirst = replicaFirstOrder(candidates.map((candidate) => candidate.waitsFor));
  const { order } = replicaFirst;
  candidates.forEach((candidate, at) => (candidate.waitsFor = replicaFirst.waitsFor[at] ?? []));
  for (const [primary, replica] of replicaFirst.loops)
    warnings.push(
      `${name(candidates, primary)} and ${name(candidates, replica)} are each a database primary waiting for the ` +
        `other's cluster: ${name(candidates, primary)} is not held back for its replica ${name(candidates, replica)}`,
    );
  warnings.push(...moveAfterReplicas(order, candidates, rings));

  const batchHosts = layered(order, candidates, components, rings.length);
  const byRing = rings.map(() => [] as number[]);
  for (const host of order) byRing[candidates[host]?.ring ?? 0]?.push(host);
  const batches = byRing.map((ring) =>
    batchRing(ring, batchHosts, { spare, maxConcurrent: policy.maxConcurrent, canary: policy.canary }),
  );

  const timed = timeBatches(batches, candidates, policy, input.start);
  unplaced.push(...timed.unplaced);
  const switchovers = switchoversOf(candidates, services, timed.sequence, warnings);

  return {
    rings: rings
      .map((ring, at) => ({
        name: ring,
        approval: policy.approvalRings.includes(ring),
        approvedBy: null,
        batches: (timed.rings[at] ?? []).map(({ batch, slot }) =>
          planBatch(batch, slot, candidates, services, switchovers),
        ),
      }))
      .filter((ring) => ring.batches.length > 0),
    unplaced: unplaced.sort((a, b) => compare(a.host, b.host) || compare(a.reason, b.reason)),
    warnings,
  };
}

const name = (candidates: readonly Candidate[], at: number): string => candidates[at]?.name ?? '';

/** Per service (index), the services it depends on: known ones only, each once, in id order. */
function dependencies(graph: ServiceGraph, services: readonly Service[]): number[][] {
  const index = new Map(services.map((service, at) => [service.id, at]));
  const dependsOn = services.map(() => new Set<number>());
  for (const edge of graph.edges) {
    const from = index.get(edge.from);
    const to = index.get(edge.to);
    if (from !== undefined && to !== undefined && from !== to) dependsOn[from]?.add(to);
  }
  return dependsOn.map((targets) => [...targets].sort((a, b) => a - b));
}

/** A primary in an earlier ring than one of its replicas moves to that replica's ring. */
function moveAfterReplicas(order: readonly number[], candidates: Candidate[], rings: readonly Ring[]): string[] {
  const warnings: string[] = [];
  // In placing order a primary comes after its replicas, so a replica that moved has moved already.
  for (const host of order) {
    const primary = candidates[host] as Candidate;
    const latest = Math.max(primary.ring, ...primary.waitsFor.map((replica) => candidates[replica]?.ring ?? 0));
    if (latest === primary.ring) continue;
    const later = primary.waitsFor.filter((replica) => candidates[replica]?.ring === latest);
    warnings.push(
      `${primary.name}, a database primary, moves from the ${rings[primary.ring] ?? ''} ring to the ` +
        `${rings[latest] ?? ''} ring, to be patched after its ${later.length === 1 ? 'replica' : 'replicas'} ` +
        listOf(later.map((replica) => name(candidates, replica))),
    );
    primary.ring = latest;
  }
  return warnings;
}

/**
 * Each host's layer in its ring: the highest layer of its services (0 in none), and for a primary
 * no lower than its replicas in the same ring, so that they can go first.
 */
function layered(order: readonly number[], candidates: readonly Candidate[], components: Components, rings: number) {
  const layer = new Int32Array(candidates.length);
  for (let ring = 0; ring < rings; ring += 1) {
    const inRing = new Uint8Array(components.order.length);
    for (const candidate of candidates)
      if (candidate.ring === ring) for (const service of candidate.services) inRing[components.of[service] ?? 0] = 1;
    const layers = ringLayers(components, (component) => inRing[component] === 1);
    candidates.forEach((candidate, at) => {
      if (candidate.ring !== ring) return;
      for (const service of candidate.services)
        layer[at] = Math.max(layer[at] ?? 0, layers[components.of[service] ?? 0] ?? 0);
    });
  }
  for (const host of order) {
    const { ring, waitsFor } = candidates[host] as Candidate;
    for (const replica of waitsFor)
      if (candidates[replica]?.ring === ring) layer[host] = Math.max(layer[host] ?? 0, layer[replica] ?? 0);
  }
  return candidates.map((candidate, at): BatchHost => ({
    services: candidate.services,
    layer: layer[at] ?? 0,
    waitsFor: candidate.waitsFor,
    poorCanary: candidate.poorCanary,
  }));
}

interface Timed {
  /** Per ring, its batches that found a slot. */
  rings: { batch: Batch; slot: Slot }[][];
  /** Per host, the position of its batch in the whole plan; -1 when it found no slot. */
  sequence: Int32Array;
  unplaced: Unplaced[];
}

/** Batches one after another from the start, each in the next slot a window has for it. */
function timeBatches(batches: Batch[][], candidates: readonly Candidate[], policy: RolloutPolicy, start: Date): Timed {
  const slots = slotsFor(policy.windows, policy.timeZone, policy.batchMinutes);
  let failure = slots.ok ? null : slots.reason;
  let clock = start.getTime();
  let position = 0;
  const sequence = new Int32Array(candidates.length).fill(-1);
  const unplaced: Unplaced[] = [];
  const rings = batches.map((ring) =>
    ring.flatMap((batch) => {
      const slot = failure === null && slots.ok ? slots.next(clock) : null;
      if (!slot) {
        failure ??=
          `no allowed window in the ${HORIZON_DAYS} days from ${new Date(clock).toISOString()} can hold a ` +
          `${policy.batchMinutes}-minute batch (clock changes shorten them)`;
        for (const host of batch.hosts) unplaced.push({ host: name(candidates, host), reason: failure });
        return [];
      }
      clock = slot.end;
      for (const host of batch.hosts) sequence[host] = position;
      position += 1;
      return [{ batch, slot }];
    }),
  );
  return { rings, sequence, unplaced };
}

type Switchover = PlanBatch['switchovers'][number];

/**
 * Before a database primary is patched, a replica takes over: the first by name of those patched
 * earlier, or, when none is, the first by name of all (unpatched; the plan says so).
 */
function switchoversOf(
  candidates: readonly Candidate[],
  services: readonly Service[],
  sequence: Int32Array,
  warnings: string[],
): Map<number, Switchover[]> {
  const index = new Map(candidates.map((candidate, at) => [candidate.name, at]));
  const byHost = new Map<number, Switchover[]>();
  candidates.forEach((candidate, host) => {
    const at = sequence[host] ?? -1;
    if (at < 0) return;
    for (const { service, role } of candidate.memberships) {
      const cluster = services[service] as Service;
      if (cluster.kind !== 'database-cluster' || role !== 'database-primary') continue;
      const replicas = cluster.members
        .filter((member) => member.role === 'database-replica')
        .map((member) => member.host)
        .sort(compare);
      const patched = replicas.find((replica) => {
        const before = sequence[index.get(replica) ?? -1] ?? -1;
        return before >= 0 && before < at;
      });
      const to = patched ?? replicas[0];
      if (to === undefined) continue;
      if (patched === undefined)
        warnings.push(
          `No replica of ${cluster.id} is patched before its primary ${candidate.name}: ` +
            `the switchover goes to ${to}, not yet patched`,
        );
      const list = byHost.get(host) ?? [];
      list.push({ service: cluster.id, from: candidate.name, to });
      byHost.set(host, list);
    }
  });
  return byHost;
}

function planBatch(
  batch: Batch,
  slot: Slot,
  candidates: readonly Candidate[],
  services: readonly Service[],
  switchovers: ReadonlyMap<number, Switchover[]>,
): PlanBatch {
  // Candidates and services are indexed in name and id order, so sorting indexes sorts names.
  const hosts = [...batch.hosts].sort((a, b) => a - b);
  const serviceIds = [...new Set(hosts.flatMap((host) => candidates[host]?.services ?? []))]
    .sort((a, b) => a - b)
    .map((service) => services[service]?.id ?? '');
  return {
    hosts: hosts.map((host) => name(candidates, host)),
    services: serviceIds,
    layer: batch.layer,
    window: { start: new Date(slot.start).toISOString(), end: new Date(slot.end).toISOString() },
    switchovers: hosts
      .flatMap((host) => switchovers.get(host) ?? [])
      .sort((a, b) => compare(a.service, b.service) || compare(a.from, b.from)),
    canary: batch.canary,
  };
}
