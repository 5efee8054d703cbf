/** What batching needs to know of a host. */
export interface BatchHost {
  /** The services it is a member of (indexes). */
  services: readonly number[];
  /** Its dependency layer in its ring. */
  layer: number;
  /** Hosts (indexes) to be patched in an earlier batch: for a database primary, its replicas. */
  waitsFor: readonly number[];
  /** A database primary or a load balancer: a poor canary, taken only when nothing else can be. */
  poorCanary: boolean;
}

export interface BatchRules {
  /** Per service (index): how many of its members may be down at once (members - minHealthy). */
  spare: Int32Array;
  maxConcurrent: number;
  canary: boolean;
}

export interface Batch {
  /** Host indexes, in placing order. */
  hosts: number[];
  layer: number;
  canary: boolean;
}

/**
 * The canary: the first host, in placing order, of the ring's first layer that waits for nobody in
 * the ring, preferring one that is neither a database primary nor a load balancer.
 */
function pickCanary(first: readonly number[], inRing: ReadonlySet<number>, hosts: readonly BatchHost[]): number {
  const free = first.filter((host) => !(hosts[host]?.waitsFor ?? []).some((other) => inRing.has(other)));
  return free.find((host) => hosts[host]?.poorCanary === false) ?? free[0] ?? (first[0] as number);
}

/**
 * A ring's batches, layer after layer, never mixing layers. Within a layer each host, in placing
 * order, goes into the first batch after the ones it waits for that has room for it in every
 * service budget and under maxConcurrent (first fit, which for hosts without waits is the same as
 * filling one batch at a time). Each service keeps a pointer to its first batch with room, and
 * budgets only fill up, so the pointers only move forward: no host rescans the batches from the
 * start.
 */
export function batchRing(ring: readonly number[], hosts: readonly BatchHost[], rules: BatchRules): Batch[] {
  const byLayer = new Map<number, number[]>();
  for (const host of ring) {
    const layer = hosts[host]?.layer ?? 0;
    const group = byLayer.get(layer);
    if (group) group.push(host);
    else byLayer.set(layer, [host]);
  }
  const layers = [...byLayer.keys()].sort((a, b) => a - b);
  const batches: Batch[] = [];
  const batchOf = new Map<number, number>();
  const canary =
    rules.canary && ring.length > 1 ? pickCanary(byLayer.get(layers[0] ?? 0) ?? [], new Set(ring), hosts) : null;
  for (const layer of layers) {
    if (canary !== null && hosts[canary]?.layer === layer) {
      batchOf.set(canary, batches.length);
      batches.push({ hosts: [canary], layer, canary: true });
    }
    const base = batches.length;
    // This layer's batches from `base` on; per batch, how many members of each service it holds.
    const counts: Map<number, number>[] = [];
    const firstOpen = new Map<number, number>();
    let firstRoom = 0;
    const fits = (at: number, services: readonly number[]): boolean => {
      const batch = batches[base + at];
      const count = counts[at];
      if (!batch || !count) return true;
      if (batch.hosts.length >= rules.maxConcurrent) return false;
      return services.every((service) => (count.get(service) ?? 0) < (rules.spare[service] ?? 0));
    };
    for (const host of byLayer.get(layer) ?? []) {
      if (host === canary) continue;
      const { services, waitsFor } = hosts[host] as BatchHost;
      let at = firstRoom;
      for (const other of waitsFor) at = Math.max(at, (batchOf.get(other) ?? -1) + 1 - base);
      for (const service of services) at = Math.max(at, firstOpen.get(service) ?? 0);
      while (!fits(at, services)) at += 1;
      if (at === counts.length) {
        batches.push({ hosts: [], layer, canary: false });
        counts.push(new Map());
      }
      const batch = batches[base + at] as Batch;
      const count = counts[at] as Map<number, number>;
      batch.hosts.push(host);
      batchOf.set(host, base + at);
      for (const service of services) count.set(service, (count.get(service) ?? 0) + 1);
      while (firstRoom < counts.length && (batches[base + firstRoom]?.hosts.length ?? 0) >= rules.maxConcurrent)
        firstRoom += 1;
      for (const service of services) {
        let open = firstOpen.get(service) ?? 0;
        const spare = rules.spare[service] ?? 0;
        while (open < counts.length && (counts[open]?.get(service) ?? 0) >= spare) open += 1;
        firstOpen.set(service, open);
      }
    }
  }
  return batches;
}
