import type { Edge, MemberRole, Service, ServiceGraph } from '../../../shared/domain/graph';

/**
 * The editor's changes to a graph, as pure functions: each returns a new graph and leaves the
 * one it was given alone, so the store can keep the saved version to compare with.
 */

/** A service id from its name: lower case, dashes for the rest, unique in the graph. */
export function serviceIdFor(graph: ServiceGraph, name: string): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || 'service';
  const taken = new Set(graph.services.map((service) => service.id));
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${String(n)}`;
  return id;
}

export function addService(graph: ServiceGraph, name: string, at: { x: number; y: number } | null): ServiceGraph {
  const service: Service = {
    id: serviceIdFor(graph, name),
    name: name.trim(),
    kind: 'service',
    minHealthy: 0,
    members: [],
    drain: null,
    checks: [],
    switchover: null,
    position: at,
  };
  return { ...graph, services: [...graph.services, service] };
}

export function updateService(graph: ServiceGraph, id: string, change: (service: Service) => Service): ServiceGraph {
  return { ...graph, services: graph.services.map((service) => (service.id === id ? change(service) : service)) };
}

/** Removes a service and every edge to or from it. */
export function removeService(graph: ServiceGraph, id: string): ServiceGraph {
  return {
    services: graph.services.filter((service) => service.id !== id),
    edges: graph.edges.filter((edge) => edge.from !== id && edge.to !== id),
  };
}

const sameEdge = (a: Edge, b: Edge): boolean => a.from === b.from && a.to === b.to;

/** Adds `from` depends on `to`, unless it is drawn already or is a service on itself. */
export function addEdge(graph: ServiceGraph, edge: Edge): ServiceGraph {
  if (edge.from === edge.to || graph.edges.some((drawn) => sameEdge(drawn, edge))) return graph;
  return { ...graph, edges: [...graph.edges, edge] };
}

export function removeEdge(graph: ServiceGraph, edge: Edge): ServiceGraph {
  return { ...graph, edges: graph.edges.filter((drawn) => !sameEdge(drawn, edge)) };
}

/** The role a host most likely has in a service of this kind. */
export function defaultRole(service: Service): MemberRole {
  switch (service.kind) {
    case 'load-balancer':
      return 'load-balancer';
    case 'database-cluster':
      return service.members.some((member) => member.role === 'database-primary')
        ? 'database-replica'
        : 'database-primary';
    case 'service':
      return 'member';
  }
}

export function addMember(graph: ServiceGraph, id: string, host: string): ServiceGraph {
  return updateService(graph, id, (service) =>
    service.members.some((member) => member.host === host)
      ? service
      : { ...service, members: [...service.members, { host, role: defaultRole(service) }] },
  );
}

/** Removes a member; the budget shrinks with it when it would ask for more members than are left. */
export function removeMember(graph: ServiceGraph, id: string, host: string): ServiceGraph {
  return updateService(graph, id, (service) => {
    const members = service.members.filter((member) => member.host !== host);
    return { ...service, members, minHealthy: Math.min(service.minHealthy, members.length) };
  });
}

/** A position per service from a layout, for those the layout placed. */
export function placeServices(
  graph: ServiceGraph,
  positions: ReadonlyMap<string, { x: number; y: number }>,
): ServiceGraph {
  return {
    ...graph,
    services: graph.services.map((service) => {
      const at = positions.get(service.id);
      return at ? { ...service, position: at } : service;
    }),
  };
}
