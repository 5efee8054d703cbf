import { describe, expect, it } from 'vitest';
import type { ServiceGraph } from '../../src/shared/domain/graph';
import { edges, hostsIn, plan, service, shape, SHOP } from './planner-graphs';

describe('planning the shop', () => {
  it('goes ring by ring, layer by layer, one web server at a time, the replica before its primary', () => {
    const result = plan(SHOP.hosts, SHOP.graph, { canary: true });
    expect(shape(result)).toEqual([
      'non-critical/0: search1',
      // db2 is the only host of the ring's first layer, so it is the canary.
      'important/0: db2 *',
      'important/1: api1',
      'important/1: api2',
      'important/2: web1',
      'important/2: web2',
      // The load balancer depends on web, then api, then db: db1 is the layer below it here.
      'critical/0: db1 *',
      'critical/1: lb1',
    ]);
    expect(result.rings.map((ring) => [ring.name, ring.approval])).toEqual([
      ['non-critical', false],
      ['important', false],
      ['critical', true],
    ]);
    const primary = result.rings[2]?.batches[0];
    expect(primary?.switchovers).toEqual([{ service: 'db', from: 'db1', to: 'db2' }]);
    expect(primary?.services).toEqual(['db']);
    expect(result.unplaced).toEqual([]);
    expect(result.warnings).toEqual([
      '1 host in no service, so no dependency or budget orders it (patched in the first layer of the ring): search1',
    ]);
  });

  it('gives the same plan whatever order the hosts come in', () => {
    const shuffled = [...SHOP.hosts].reverse();
    const graph = { ...SHOP.graph, services: [...SHOP.graph.services].reverse() };
    expect(plan(shuffled, graph, { canary: true })).toEqual(plan(SHOP.hosts, SHOP.graph, { canary: true }));
  });
});

describe('rings', () => {
  it('follows the policy order, leaves out empty rings and leaves hosts of other rings unplaced', () => {
    const result = plan(
      [...hostsIn('test', 't1'), ...hostsIn('critical', 'c1'), ...hostsIn('important', 'i1')],
      {
        services: [],
        edges: [],
      },
      { rings: ['critical', 'important', 'non-critical'], approvalRings: ['important'] },
    );
    expect(result.rings.map((ring) => [ring.name, ring.approval])).toEqual([
      ['critical', false],
      ['important', true],
    ]);
    expect(result.unplaced).toEqual([
      {
        host: 't1',
        reason: 'its ring, test, is not one the rollout policy patches (critical, important, non-critical)',
      },
    ]);
  });

  it('moves a primary to the later ring of its replica, and says so', () => {
    const graph: ServiceGraph = {
      services: [
        service('pg', 'database-cluster', 1, [
          ['pg1', 'database-primary'],
          ['pg2', 'database-replica'],
        ]),
      ],
      edges: [],
    };
    const result = plan([...hostsIn('important', 'pg1'), ...hostsIn('critical', 'pg2')], graph);
    expect(shape(result)).toEqual(['critical/0: pg2', 'critical/0: pg1']);
    expect(result.rings[0]?.batches[1]?.switchovers).toEqual([{ service: 'pg', from: 'pg1', to: 'pg2' }]);
    expect(result.warnings).toEqual([
      'pg1, a database primary, moves from the important ring to the critical ring, to be patched after its replica pg2',
    ]);
  });
});

describe('dependency layers', () => {
  it.each([
    ['a chain', edges(['web', 'api'], ['api', 'db']), ['x/0: d1', 'x/1: a1', 'x/2: w1']],
    ['no edges', [], ['x/0: a1 d1 w1']],
    ['a fan-in', edges(['web', 'db'], ['api', 'db']), ['x/0: d1', 'x/1: a1 w1']],
    // cache is not patched here, yet web still waits for db beneath it.
    ['through a service not patched', edges(['web', 'cache'], ['cache', 'db']), ['x/0: a1 d1', 'x/1: w1']],
  ])('layers %s', (_, drawn, expected) => {
    const graph: ServiceGraph = {
      services: [
        service('web', 'service', 0, [['w1', 'web']]),
        service('api', 'service', 0, [['a1', 'api']]),
        service('db', 'service', 0, [['d1', 'member']]),
        service('cache', 'service', 0, [['cache1', 'member']]),
      ],
      edges: drawn,
    };
    const result = plan(hostsIn('important', 'w1', 'a1', 'd1'), graph);
    expect(shape(result).map((row) => row.replace('important', 'x'))).toEqual(expected);
  });

  it('puts a host in the highest layer of its services', () => {
    const graph: ServiceGraph = {
      services: [
        service('app', 'service', 0, [['both', 'member']]),
        service('db', 'service', 0, [
          ['both', 'member'],
          ['d1', 'member'],
        ]),
      ],
      edges: edges(['app', 'db']),
    };
    expect(shape(plan(hostsIn('important', 'both', 'd1'), graph))).toEqual(['important/0: d1', 'important/1: both']);
  });

  it('puts services in a cycle in one layer and names the cycle', () => {
    const graph: ServiceGraph = {
      services: [
        service('a', 'service', 0, [['a1', 'member']]),
        service('b', 'service', 0, [['b1', 'member']]),
        service('c', 'service', 0, [['c1', 'member']]),
        service('d', 'service', 0, [['d1', 'member']]),
      ],
      edges: edges(['a', 'b'], ['b', 'c'], ['c', 'a'], ['d', 'a']),
    };
    const result = plan(hostsIn('test', 'a1', 'b1', 'c1', 'd1'), graph);
    expect(shape(result)).toEqual(['test/0: a1 b1 c1', 'test/1: d1']);
    expect(result.warnings).toEqual([
      'Services a, b and c depend on each other in a cycle (a -> b -> c -> a): they share a layer, so none of them waits for the others',
    ]);
  });

  it('warns once about hosts in no service, listing ten and counting the rest', () => {
    const names = Array.from({ length: 13 }, (_, i) => `h${String(i).padStart(2, '0')}`);
    const result = plan(hostsIn('test', ...names), { services: [], edges: [] }, { maxConcurrent: 20 });
    expect(shape(result)).toEqual([`test/0: ${names.join(' ')}`]);
    expect(result.warnings).toEqual([
      '13 hosts in no service, so no dependency or budget orders them (patched in the first layer of the ring): ' +
        'h00, h01, h02, h03, h04, h05, h06, h07, h08, h09 and 3 more',
    ]);
  });
});

describe('availability budgets', () => {
  it.each([
    // members, minHealthy, hosts patched, batches
    [5, 3, 5, ['2', '2', '1']],
    [5, 0, 5, ['5']],
    [3, 2, 3, ['1', '1', '1']],
    // Members are counted over the whole graph: four members, two of them not being patched.
    [4, 2, 2, ['2']],
  ])('%i members, %i kept healthy, %i patched: batches of %j', (members, minHealthy, patched, sizes) => {
    const names = Array.from({ length: members }, (_, i) => `m${i + 1}`);
    const graph = {
      services: [
        service(
          'app',
          'service',
          minHealthy,
          names.map((n) => [n, 'api']),
        ),
      ],
      edges: [],
    };
    const result = plan(hostsIn('important', ...names.slice(0, patched)), graph);
    expect(result.rings[0]?.batches.map((batch) => String(batch.hosts.length))).toEqual(sizes);
  });

  it('keeps every service of a host within budget', () => {
    const graph: ServiceGraph = {
      services: [
        service('a', 'service', 1, [
          ['h1', 'member'],
          ['h2', 'member'],
          ['h3', 'member'],
        ]),
        service('b', 'service', 1, [
          ['h3', 'member'],
          ['h4', 'member'],
        ]),
      ],
      edges: [],
    };
    // a can spare two, b one: h3 and h4 never together.
    expect(shape(plan(hostsIn('test', 'h1', 'h2', 'h3', 'h4'), graph))).toEqual(['test/0: h1 h2 h4', 'test/0: h3']);
  });

  it('leaves unplaced a host whose service can spare no member, naming the service and its budget', () => {
    const graph: ServiceGraph = {
      services: [
        service('solo', 'service', 1, [['only1', 'member']]),
        service('pair', 'service', 1, [
          ['p1', 'member'],
          ['p2', 'member'],
        ]),
      ],
      edges: [],
    };
    const result = plan(hostsIn('important', 'only1', 'p1', 'p2'), graph);
    expect(shape(result)).toEqual(['important/0: p1', 'important/0: p2']);
    expect(result.unplaced).toEqual([
      {
        host: 'only1',
        reason: 'SOLO (solo) has 1 member and must keep 1 healthy: none can be taken down to be patched',
      },
    ]);
  });

  it.each([
    [1, ['1', '1', '1', '1', '1', '1', '1']],
    [3, ['3', '3', '1']],
    [10, ['7']],
  ])('patches at most maxConcurrent = %i hosts at once', (maxConcurrent, sizes) => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const result = plan(hostsIn('test', ...names), { services: [], edges: [] }, { maxConcurrent });
    expect(result.rings[0]?.batches.map((batch) => String(batch.hosts.length))).toEqual(sizes);
  });
});

describe('the canary', () => {
  const graph: ServiceGraph = {
    services: [
      service('edge', 'load-balancer', 0, [['a-lb', 'load-balancer']]),
      service('pg', 'database-cluster', 0, [['b-db', 'database-primary']]),
      service('app', 'service', 0, [
        ['c-app', 'api'],
        ['d-app', 'api'],
      ]),
    ],
    edges: [],
  };

  it.each([
    [
      'prefers a host that is neither a database primary nor a load balancer',
      ['a-lb', 'b-db', 'c-app', 'd-app'],
      'c-app',
    ],
    ['takes the first by name when every host is a poor canary', ['a-lb', 'b-db'], 'a-lb'],
  ])('%s', (_, names, canary) => {
    const result = plan(hostsIn('test', ...names), graph, { canary: true });
    const [first, ...rest] = result.rings[0]?.batches ?? [];
    expect(first).toMatchObject({ hosts: [canary], canary: true });
    expect(rest.every((batch) => !batch.canary)).toBe(true);
  });

  it('is one per ring of more than one host, and none for a ring of one', () => {
    const result = plan([...hostsIn('test', 't1', 't2', 't3'), ...hostsIn('important', 'i1')], EMPTY, {
      canary: true,
    });
    expect(shape(result)).toEqual(['test/0: t1 *', 'test/0: t2 t3', 'important/0: i1']);
  });

  it('is a replica, not the primary it goes before', () => {
    const cluster: ServiceGraph = {
      services: [
        service('pg', 'database-cluster', 1, [
          ['pg1', 'database-primary'],
          ['pg2', 'database-replica'],
          ['pg3', 'database-replica'],
        ]),
      ],
      edges: [],
    };
    const result = plan(hostsIn('critical', 'pg1', 'pg2', 'pg3'), cluster, { canary: true });
    expect(shape(result)).toEqual(['critical/0: pg2 *', 'critical/0: pg3', 'critical/0: pg1']);
  });
});

const EMPTY: ServiceGraph = { services: [], edges: [] };

describe('replicas before primaries', () => {
  const cluster = (minHealthy: number): ServiceGraph => ({
    services: [
      service('pg', 'database-cluster', minHealthy, [
        ['pg1', 'database-primary'],
        ['pg2', 'database-replica'],
        ['pg3', 'database-replica'],
      ]),
    ],
    edges: [],
  });

  it.each([
    [0, ['x/0: pg2 pg3', 'x/0: pg1']],
    [1, ['x/0: pg2 pg3', 'x/0: pg1']],
    [2, ['x/0: pg2', 'x/0: pg3', 'x/0: pg1']],
  ])('with %i kept healthy', (minHealthy, expected) => {
    const result = plan(hostsIn('important', 'pg1', 'pg2', 'pg3'), cluster(minHealthy));
    expect(shape(result).map((row) => row.replace('important', 'x'))).toEqual(expected);
    expect(result.rings[0]?.batches.at(-1)?.switchovers).toEqual([{ service: 'pg', from: 'pg1', to: 'pg2' }]);
  });

  it('hands over to a replica patched in an earlier ring', () => {
    const result = plan([...hostsIn('important', 'pg3'), ...hostsIn('critical', 'pg1')], cluster(1));
    expect(shape(result)).toEqual(['important/0: pg3', 'critical/0: pg1']);
    expect(result.rings[1]?.batches[0]?.switchovers).toEqual([{ service: 'pg', from: 'pg1', to: 'pg3' }]);
  });

  it('hands over to an unpatched replica when none is patched, and says so', () => {
    const result = plan(hostsIn('critical', 'pg1'), cluster(1));
    expect(result.rings[0]?.batches[0]?.switchovers).toEqual([{ service: 'pg', from: 'pg1', to: 'pg2' }]);
    expect(result.warnings).toEqual([
      'No replica of pg is patched before its primary pg1: the switchover goes to pg2, not yet patched',
    ]);
  });

  it('lifts a primary to the layer of a replica that another service puts higher', () => {
    const graph: ServiceGraph = {
      services: [
        ...cluster(1).services,
        service('report', 'service', 0, [['pg2', 'member']]),
        service('etl', 'service', 0, [['e1', 'member']]),
      ],
      edges: edges(['report', 'etl']),
    };
    const result = plan(hostsIn('important', 'pg1', 'pg2', 'e1'), graph);
    expect(shape(result)).toEqual(['important/0: e1', 'important/1: pg2', 'important/1: pg1']);
  });

  it('drops the one wait that closes a loop between two clusters, and says so', () => {
    const graph: ServiceGraph = {
      services: [
        service('one', 'database-cluster', 0, [
          ['x', 'database-primary'],
          ['y', 'database-replica'],
        ]),
        service('two', 'database-cluster', 0, [
          ['y', 'database-primary'],
          ['x', 'database-replica'],
        ]),
      ],
      edges: [],
    };
    const result = plan(hostsIn('test', 'x', 'y'), graph);
    expect(shape(result)).toEqual(['test/0: y', 'test/0: x']);
    expect(result.warnings[0]).toBe(
      "y and x are each a database primary waiting for the other's cluster: y is not held back for its replica x",
    );
  });
});
