import type { ServiceGraph } from '../../../shared/domain/graph';

/**
 * The graph's strongly connected components (Tarjan, iterative so a deep chain cannot overflow
 * the stack), each a list of service ids, in reverse topological order of the condensed graph:
 * every component comes after the components it depends on.
 */
export function components(graph: ServiceGraph): string[][] {
  const ids = graph.services.map((service) => service.id).sort();
  const next = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const edge of graph.edges) next.get(edge.from)?.push(edge.to);
  for (const targets of next.values()) targets.sort();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: { id: string; at: number }[] = [{ id: root, at: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (!frame) break;
      const targets = next.get(frame.id) ?? [];
      if (frame.at < targets.length) {
        const target = targets[frame.at++] ?? '';
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ id: target, at: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.id, Math.min(low.get(frame.id) ?? 0, index.get(target) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) ?? 0, low.get(frame.id) ?? 0));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop();
          if (member === undefined) break;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        found.push(component.sort());
      }
    }
  }
  return found;
}

/** Services that depend on each other in a circle: every component of more than one service. */
export function cyclesOf(graph: ServiceGraph): string[][] {
  return components(graph)
    .filter((component) => component.length > 1)
    .sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : 1));
}
