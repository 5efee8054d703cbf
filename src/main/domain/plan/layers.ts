import type { Service, ServiceGraph } from '../../../shared/domain/graph';
import { components as stronglyConnected } from '../graph/cycles';

/**
 * Dependency layers. Services that depend on each other in a cycle are one component (the graph's
 * strongly connected components); components form a DAG, and within a ring each component's layer
 * is one more than the highest layer among the in-ring components it depends on, directly or
 * through services not patched in that ring.
 */
export interface Components {
  /** The component of each service (services by index). */
  of: Int32Array;
  /** Components in dependency order: everything a component depends on comes before it. */
  order: number[];
  /** The components each one depends on, without repeats. */
  dependsOn: number[][];
  /** Each component of more than one service: its services (indexes, in id order). */
  cycles: number[][];
}

/**
 * Condenses the graph with the graph's own strongly connected components. `services` are in id
 * order (a service's index is its rank) and `dependsOn[s]` lists the services s depends on.
 */
export function condense(
  graph: ServiceGraph,
  services: readonly Service[],
  dependsOn: readonly (readonly number[])[],
): Components {
  const index = new Map(services.map((service, at) => [service.id, at]));
  // Components whose services the graph does not have (an edge to a missing id) are left out.
  const members = stronglyConnected(graph)
    .map((ids) => ids.map((id) => index.get(id)).filter((at) => at !== undefined))
    .filter((component) => component.length > 0);
  const of = new Int32Array(services.length).fill(-1);
  members.forEach((component, at) => {
    for (const service of component) of[service] = at;
  });
  const componentDeps = members.map((component, self) => {
    const deps = new Set<number>();
    for (const service of component)
      for (const target of dependsOn[service] ?? []) if (of[target] !== self) deps.add(of[target] ?? 0);
    return [...deps];
  });
  return {
    of,
    order: members.map((_, component) => component),
    dependsOn: componentDeps,
    cycles: members.filter((component) => component.length > 1),
  };
}

/** A shortest cycle through the component's first service, for the warning: `a -> b -> a`. */
export function cycleThrough(component: readonly number[], dependsOn: readonly (readonly number[])[]): number[] {
  const inside = new Set(component);
  const first = component[0] as number;
  const cameFrom = new Map<number, number>();
  const queue = [first];
  for (let head = 0; head < queue.length; head += 1) {
    const service = queue[head] as number;
    for (const target of dependsOn[service] ?? []) {
      if (!inside.has(target)) continue;
      if (target === first) {
        const back: number[] = [];
        for (let at = service; at !== first; at = cameFrom.get(at) as number) back.push(at);
        return [first, ...back.reverse(), first];
      }
      if (!cameFrom.has(target)) {
        cameFrom.set(target, service);
        queue.push(target);
      }
    }
  }
  return [...component, first];
}

/**
 * Each component's layer in a ring (-1 for those with nothing patched in it): 0 when it depends on
 * nothing patched in the ring, otherwise one above the highest in-ring component beneath it.
 */
export function ringLayers(components: Components, inRing: (component: number) => boolean): Int32Array {
  const count = components.order.length;
  const layer = new Int32Array(count).fill(-1);
  // The least layer a component depending on this one can have.
  const floor = new Int32Array(count);
  for (const component of components.order) {
    let base = 0;
    for (const dep of components.dependsOn[component] ?? []) base = Math.max(base, floor[dep] ?? 0);
    if (inRing(component)) {
      layer[component] = base;
      floor[component] = base + 1;
    } else floor[component] = base;
  }
  return layer;
}
