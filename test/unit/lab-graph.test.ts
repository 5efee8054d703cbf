import { describe, expect, it } from 'vitest';
import { planRollout } from '../../src/main/domain/plan/planner';
import { findProfile, labHosts } from '../../src/main/lab/profile';
import { labGraph, labHostInput } from '../../src/main/lab/register';
import { serviceGraphSchema } from '../../src/shared/domain/graph';
import { DEFAULT_ROLLOUT_POLICY } from '../../src/shared/domain/plan';

describe('the lab shop as a service graph, and its plan', () => {
  const profile = findProfile('shop');
  if (!profile) throw new Error('no shop profile');
  const hosts = labHosts(profile);
  const graph = labGraph(hosts);

  it('draws the shop: load balancer, web, API, search and the PostgreSQL pair, with their dependencies', () => {
    expect(serviceGraphSchema.parse(graph)).toEqual(graph);
    expect(graph.services.map((service) => [service.id, service.members.length, service.minHealthy])).toEqual([
      ['shop-lb', 1, 1],
      ['web', 3, 2],
      ['api', 2, 1],
      ['search', 2, 1],
      ['db', 2, 1],
    ]);
    expect(graph.services.find((service) => service.id === 'web')?.drain).toEqual({
      kind: 'haproxy',
      via: 'lb1',
      socket: '/run/haproxy/admin.sock',
      backend: 'web',
    });
  });

  it('plans web hosts one at a time, the replica before the primary with a switchover, and cannot take the lone load balancer down', () => {
    const plan = planRollout({
      hosts: hosts.map((host) => ({ name: host.name, ring: labHostInput(host, '/k').ring })),
      graph,
      policy: { ...DEFAULT_ROLLOUT_POLICY, maxConcurrent: 4 },
      start: new Date('2026-11-27T12:00:00.000Z'),
    });
    const batches = plan.rings.flatMap((ring) => ring.batches.map((batch) => ({ ring: ring.name, ...batch })));
    const webBatches = batches.filter((batch) => batch.hosts.some((host) => host.startsWith('web')));
    for (const batch of webBatches) expect(batch.hosts.filter((host) => host.startsWith('web'))).toHaveLength(1);
    expect(webBatches).toHaveLength(3);
    const at = (host: string) => batches.findIndex((batch) => batch.hosts.includes(host));
    expect(at('db2')).toBeLessThan(at('db1'));
    expect(batches[at('db1')]?.switchovers).toEqual([{ service: 'db', from: 'db1', to: 'db2' }]);
    expect(plan.unplaced).toEqual([
      { host: 'lb1', reason: expect.stringMatching(/Load balancer .*1 member and must keep 1 healthy/) as unknown },
    ]);
  });
});
