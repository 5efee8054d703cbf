import type { ServiceGraph } from '../../../shared/domain/graph';
import type { HostPhase } from './model';

/**
 * Whether a host may start now without taking a service it serves below its availability
 * budget. The plan already keeps each batch within the budgets of a healthy site; this holds
 * them when the site is not: a member that failed (unreachable, or left in an unknown state)
 * counts as down for the rest of the rollout, as does every member being patched. Members the
 * rollout does not patch count as up. Returns the reason not to start, or null. Pure.
 */
export function budgetRefusal(
  graph: ServiceGraph,
  phases: ReadonlyMap<string, HostPhase>,
  host: string,
): string | null {
  for (const service of graph.services) {
    if (!service.members.some((member) => member.host === host)) continue;
    const down = service.members
      .map((member) => member.host)
      .filter((name) => name !== host && (phases.get(name) === 'active' || phases.get(name) === 'failed'));
    const up = service.members.length - down.length - 1;
    if (up < service.minHealthy)
      return (
        `Not started: taking ${host} down would leave ${service.name} with ${String(up)} of ` +
        `${String(service.members.length)} members up, below its budget of ${String(service.minHealthy)} ` +
        `(${down.join(', ')} ${down.length === 1 ? 'is' : 'are'} failed or being patched)`
      );
  }
  return null;
}
