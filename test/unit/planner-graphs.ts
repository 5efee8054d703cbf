// What the planner tests share: graphs written as data, the lab's e-commerce site, and the
// plan read back as rows a person would check.
import { planRollout } from '../../src/main/domain/plan/planner';
import type { MemberRole, Service, ServiceGraph, ServiceKind } from '../../src/shared/domain/graph';
import type { Ring } from '../../src/shared/domain/host';
import { DEFAULT_ROLLOUT_POLICY, type Plan, type RolloutPolicy } from '../../src/shared/domain/plan';

/** A Thursday evening, outside any daylight saving change. */
export const START = new Date('2026-11-26T20:00:00.000Z');

export function service(
  id: string,
  kind: ServiceKind,
  minHealthy: number,
  members: [host: string, role: MemberRole][],
): Service {
  return {
    id,
    name: id.toUpperCase(),
    kind,
    minHealthy,
    members: members.map(([host, role]) => ({ host, role })),
    drain: null,
    checks: [],
    switchover: null,
    position: null,
  };
}

export const edges = (...pairs: [from: string, to: string][]): ServiceGraph['edges'] =>
  pairs.map(([from, to]) => ({ from, to }));

/** Hosts to patch as `name:ring` pairs. */
export const hostsIn = (ring: Ring, ...names: string[]): { name: string; ring: Ring }[] =>
  names.map((name) => ({ name, ring }));

/** The default policy without a canary, unless a test asks for one. */
export const policy = (overrides: Partial<RolloutPolicy> = {}): RolloutPolicy => ({
  ...DEFAULT_ROLLOUT_POLICY,
  canary: false,
  ...overrides,
});

/**
 * The lab's shop: a load balancer in front of two web servers, two API servers and a database
 * cluster (primary db1 in the critical ring, replica db2 in the important one), and a search
 * server in no service.
 */
export const SHOP: { hosts: { name: string; ring: Ring }[]; graph: ServiceGraph } = {
  hosts: [
    ...hostsIn('critical', 'lb1', 'db1'),
    ...hostsIn('important', 'web1', 'web2', 'api1', 'api2', 'db2'),
    ...hostsIn('non-critical', 'search1'),
  ],
  graph: {
    services: [
      service('lb', 'load-balancer', 0, [['lb1', 'load-balancer']]),
      service('web', 'service', 1, [
        ['web1', 'web'],
        ['web2', 'web'],
      ]),
      service('api', 'service', 1, [
        ['api1', 'api'],
        ['api2', 'api'],
      ]),
      service('db', 'database-cluster', 1, [
        ['db1', 'database-primary'],
        ['db2', 'database-replica'],
      ]),
    ],
    edges: edges(['web', 'api'], ['api', 'db'], ['lb', 'web']),
  },
};

export function plan(
  hosts: { name: string; ring: Ring }[],
  graph: ServiceGraph,
  overrides: Partial<RolloutPolicy> = {},
  start = START,
): Plan {
  return planRollout({ hosts, graph, policy: policy(overrides), start });
}

/** Each batch as `ring/layer: hosts`, with `*` for the canary: the plan's shape at a glance. */
export const shape = (result: Plan): string[] =>
  result.rings.flatMap((ring) =>
    ring.batches.map((batch) => `${ring.name}/${batch.layer}: ${batch.hosts.join(' ')}${batch.canary ? ' *' : ''}`),
  );

export const windowsOf = (result: Plan): string[] =>
  result.rings.flatMap((ring) => ring.batches.map((batch) => `${batch.window.start} ${batch.window.end}`));
