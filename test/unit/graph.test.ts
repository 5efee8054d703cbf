import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { components, cyclesOf } from '../../src/main/domain/graph/cycles';
import { withSwitchover } from '../../src/main/domain/graph/switchover';
import { parseDebianInventory } from '../../src/main/fleet/collectors/debian';
import { createScanRepo } from '../../src/main/store/scan-repo';
import { serviceGraphSchema, type Service, type ServiceGraph } from '../../src/shared/domain/graph';
import type { Connection } from '../../src/shared/domain/inventory';
import { admin, host, makeApp } from './support';

const service = (id: string, members: string[], overrides: Partial<Service> = {}): Service => ({
  id,
  name: id.toUpperCase(),
  kind: 'service',
  minHealthy: 0,
  members: members.map((name) => ({ host: name, role: 'member' })),
  drain: null,
  checks: [],
  switchover: null,
  position: null,
  ...overrides,
});

const graphOf = (services: Service[], edges: [string, string][] = []): ServiceGraph => ({
  services,
  edges: edges.map(([from, to]) => ({ from, to })),
});

describe('the service graph schema', () => {
  it.each([
    [graphOf([service('web', []), service('web', [])]), 'Service id web is used twice'],
    [graphOf([service('web', [])], [['web', 'db']]), 'No service db'],
    [graphOf([service('web', [])], [['web', 'web']]), 'web cannot depend on itself'],
    [
      graphOf(
        [service('web', []), service('db', [])],
        [
          ['web', 'db'],
          ['web', 'db'],
        ],
      ),
      'web -> db is drawn twice',
    ],
    [graphOf([service('web', ['web1', 'web1'])]), 'web1 is a member of WEB twice'],
    [graphOf([service('web', ['web1'], { minHealthy: 2 })]), 'WEB needs 2 healthy members but has 1'],
    [graphOf([service('Web', [])]), 'A service id is lower-case letters, digits and dashes'],
  ])('refuses %#: %s', (graph, message) => {
    const parsed = serviceGraphSchema.safeParse(graph);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message).join(' | ')).toContain(message);
  });
});

describe('cycles and dependency order', () => {
  it('lists components with every service after those it depends on, and flags circles', () => {
    const graph = graphOf(
      ['lb', 'web', 'api', 'db', 'cache', 'queue'].map((id) => service(id, [])),
      [
        ['lb', 'web'],
        ['web', 'api'],
        ['api', 'db'],
        ['api', 'queue'],
        ['queue', 'cache'],
        ['cache', 'queue'],
      ],
    );
    const order = components(graph);
    const position = (id: string) => order.findIndex((component) => component.includes(id));
    for (const edge of graph.edges)
      if (position(edge.from) !== position(edge.to)) expect(position(edge.to)).toBeLessThan(position(edge.from));
    expect(cyclesOf(graph)).toEqual([['cache', 'queue']]);
    expect(cyclesOf(graphOf([service('a', []), service('b', [])], [['a', 'b']]))).toEqual([]);
  });

  it('does not overflow the stack on a chain of 20,000 services', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `s${String(i)}`);
    const graph = graphOf(
      ids.map((id) => service(id, [])),
      ids.slice(1).map((id, i): [string, string] => [id, ids[i] ?? '']),
    );
    const order = components(graph);
    expect(order).toHaveLength(20_000);
    expect(order[0]).toEqual(['s0']);
  });
});

describe('saving the graph', () => {
  it('saves versions, audits them, and refuses a stale version or a host the fleet does not have', async () => {
    const app = makeApp();
    app.services.hosts.add(host({ name: 'web1', address: '10.0.0.11' }), admin);
    app.services.hosts.add(host({ name: 'db1', address: '10.0.0.21' }), admin);
    expect(app.services.graph.state()).toMatchObject({ version: 0, unassigned: ['db1', 'web1'], cycles: [] });

    const first = graphOf([service('web', ['web1']), service('db', ['db1'])], [['web', 'db']]);
    const saved = await app.dispatch('graph.save', { graph: first, baseVersion: 0 }, admin);
    expect(saved).toMatchObject({ ok: true, value: { version: 1, savedBy: 'alice', unassigned: [], graph: first } });
    expect(app.services.audit.list(1)[0]).toMatchObject({ action: 'graph.save', target: 'graph:1' });

    const second = graphOf([service('web', ['web1'])]);
    const stale = await app.dispatch('graph.save', { graph: second, baseVersion: 0 }, admin);
    expect(stale.ok || stale.error).toMatchObject({ code: 'conflict' });
    expect(stale.ok || stale.error.message).toMatch(/saved as version 1 since you loaded version 0/);
    expect(
      await app.dispatch('graph.save', { graph: graphOf([service('web', ['web1', 'web9'])]), baseVersion: 1 }, admin),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'The graph names a host the fleet does not have: web9' },
    });
    expect(await app.dispatch('graph.save', { graph: second, baseVersion: 1 }, admin)).toMatchObject({
      ok: true,
      value: { version: 2, unassigned: ['db1'] },
    });
    expect(app.services.graph.versions(10).map((version) => version.version)).toEqual([2, 1]);
    expect(app.services.graph.version(1)).toEqual(first);
    expect(await app.dispatch('graph.version', { version: 7 }, admin)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});

describe('a switchover recorded in the graph', () => {
  /** db1 and db2, in that order, with these roles. */
  const pair = (db1: 'database-primary' | 'database-replica', db2: 'database-primary' | 'database-replica') =>
    service('db', [], {
      kind: 'database-cluster',
      members: [
        { host: 'db1', role: db1 },
        { host: 'db2', role: db2 },
      ],
    });
  const [before, after] = [pair('database-primary', 'database-replica'), pair('database-replica', 'database-primary')];

  it.each([
    ['the replica took over', graphOf([before]), { graph: graphOf([after]) }],
    ['the graph says so already', graphOf([after]), { refused: 'the graph already has db2 as the primary of DB' }],
    ['the service is gone', graphOf([]), { refused: 'the graph has no service db any more' }],
    [
      'an admin made db2 a plain member',
      graphOf([
        service('db', ['db2'], {
          members: [
            { host: 'db1', role: 'database-primary' },
            { host: 'db2', role: 'member' },
          ],
        }),
      ]),
      { refused: 'the graph has db1 as database-primary and db2 as member of DB, not primary and replica' },
    ],
  ])('%s', (_, graph, expected) => {
    expect(withSwitchover(graph, 'db', 'db1', 'db2')).toEqual(expected);
  });

  it('saves the swapped roles as a new version, audited as the rollout engine’s', () => {
    const app = makeApp();
    for (const [name, address] of [
      ['db1', '10.0.0.21'],
      ['db2', '10.0.0.22'],
    ] as const)
      app.services.hosts.add(host({ name, address }), admin);
    app.services.graph.save(graphOf([before]), 0, admin);
    expect(app.services.graph.recordSwitchover('db', 'db1', 'db2', { actor: 'rollout' })).toEqual({ version: 2 });
    expect(app.services.graph.current()).toEqual(graphOf([after]));
    expect(app.services.audit.list(1)[0]).toMatchObject({
      actor: 'rollout',
      action: 'graph.switchover',
      target: 'graph:2',
      details: { service: 'db', from: 'db1', to: 'db2' },
    });
    // The same switchover again changes nothing.
    expect(app.services.graph.recordSwitchover('db', 'db1', 'db2', { actor: 'rollout' })).toMatchObject({
      refused: expect.stringContaining('already') as unknown,
    });
    expect(app.services.graph.head().version).toBe(2);
  });
});

describe('edges proposed from what scans saw', () => {
  const listen = (port: number, process: string | null = null): Connection => ({
    state: 'listen',
    local: '0.0.0.0',
    localPort: port,
    remote: null,
    remotePort: null,
    process,
  });
  const to = (remote: string, port: number, process: string | null): Connection => ({
    state: 'established',
    local: '10.0.0.11',
    localPort: 40000 + port,
    remote,
    remotePort: port,
    process,
  });

  it('proposes a dependency per connection to a port another host listens on, until accepted or rejected', () => {
    const app = makeApp();
    const base = parseDebianInventory(readFileSync('test/fixtures/collectors/debian-api2.txt', 'utf8'));
    const scans = createScanRepo(app.store.db);
    const seen = (name: string, address: string, connections: Connection[]) => {
      const added = app.services.hosts.add(host({ name, address }), admin);
      const run = scans.createRun('manual', [added], '2026-11-27T08:00:00.000Z');
      scans.saveInventory(run, added.id, { ...base, connections }, null, '2026-11-27T08:00:00.000Z');
      scans.finishRun(run, 'done', '2026-11-27T08:00:00.000Z');
    };
    seen('web1', '10.0.0.11', [
      to('10.0.0.15', 8080, 'nginx'),
      to('::ffff:10.0.0.15', 8080, 'nginx'),
      to('10.0.0.21', 5432, 'nginx'),
      // Nothing listens on 9999 there: the far end of someone else's connection, not a dependency.
      to('10.0.0.15', 9999, null),
      // Not a fleet host.
      to('192.0.2.1', 443, 'curl'),
    ]);
    seen('api1', '10.0.0.15', [listen(8080, 'demo-api'), to('10.0.0.21', 5432, 'demo-api')]);
    seen('db1', '10.0.0.21', [listen(5432, 'postgres')]);
    const graph = graphOf([service('web', ['web1']), service('api', ['api1']), service('db', ['db1'])]);
    app.services.graph.save(graph, 0, admin);

    expect(app.services.graph.state().proposals).toEqual([
      { from: 'web', to: 'api', seen: 2, evidence: ['web1 -> api1:8080 (nginx)'] },
      { from: 'api', to: 'db', seen: 1, evidence: ['api1 -> db1:5432 (demo-api)'] },
      { from: 'web', to: 'db', seen: 1, evidence: ['web1 -> db1:5432 (nginx)'] },
    ]);
    const accepted = app.services.graph.accept({ from: 'web', to: 'api' }, 1, admin);
    expect(accepted.version).toBe(2);
    expect(accepted.graph.edges).toEqual([{ from: 'web', to: 'api' }]);
    const rejected = app.services.graph.reject({ from: 'web', to: 'db' }, admin);
    expect(rejected.proposals.map((edge) => `${edge.from}->${edge.to}`)).toEqual(['api->db']);
    expect(app.services.audit.list(2).map((entry) => entry.action)).toEqual(['graph.reject-edge', 'graph.accept-edge']);
    // Still rejected after another save.
    expect(app.services.graph.save(accepted.graph, 2, admin).proposals).toHaveLength(1);
  });
});
