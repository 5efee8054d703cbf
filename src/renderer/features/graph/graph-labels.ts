import type { MemberRole, Service, ServiceGraph, ServiceKind } from '../../../shared/domain/graph';

export const SERVICE_KIND_LABELS: Readonly<Record<ServiceKind, string>> = {
  service: 'Service',
  'load-balancer': 'Load balancer',
  'database-cluster': 'Database cluster',
};

export const MEMBER_ROLE_LABELS: Readonly<Record<MemberRole, string>> = {
  web: 'Web',
  api: 'API',
  'database-primary': 'Database primary',
  'database-replica': 'Database replica',
  'load-balancer': 'Load balancer',
  member: 'Member',
};

/** The availability budget in words: how many members must stay up while others are patched. */
export function budgetText(service: Service): string {
  const spare = service.members.length - service.minHealthy;
  if (service.members.length === 0) return 'no members yet';
  if (spare <= 0) return `all ${String(service.members.length)} must stay up: none can be patched`;
  return `${String(service.minHealthy)} of ${String(service.members.length)} must stay up`;
}

/** A service's name by its id, or the id when the graph has no such service. */
export const serviceName = (graph: ServiceGraph, id: string): string =>
  graph.services.find((service) => service.id === id)?.name ?? id;
