import type { ServiceGraph } from '../../../shared/domain/graph';

/**
 * The graph after `to` took over a database service from `from`: `to` is its primary, `from` a
 * replica. Or why the graph cannot say so: the service or a member is gone, or the roles are not
 * (or no longer) primary and replica as the switchover assumed; an admin edited it meanwhile, and
 * their drawing is not overwritten. Pure.
 */
export function withSwitchover(
  graph: ServiceGraph,
  serviceId: string,
  from: string,
  to: string,
): { graph: ServiceGraph } | { refused: string } {
  const service = graph.services.find((candidate) => candidate.id === serviceId);
  if (!service) return { refused: `the graph has no service ${serviceId} any more` };
  const roleOf = (host: string) => service.members.find((member) => member.host === host)?.role;
  const [old, next] = [roleOf(from), roleOf(to)];
  if (old === 'database-replica' && next === 'database-primary')
    return { refused: `the graph already has ${to} as the primary of ${service.name}` };
  if (old !== 'database-primary' || next !== 'database-replica')
    return {
      refused: `the graph has ${from} as ${old ?? 'no member'} and ${to} as ${next ?? 'no member'} of ${service.name}, not primary and replica`,
    };
  const swapped = service.members.map((member) =>
    member.host === from
      ? { ...member, role: 'database-replica' as const }
      : member.host === to
        ? { ...member, role: 'database-primary' as const }
        : member,
  );
  return {
    graph: {
      ...graph,
      services: graph.services.map((candidate) =>
        candidate.id === serviceId ? { ...candidate, members: swapped } : candidate,
      ),
    },
  };
}
