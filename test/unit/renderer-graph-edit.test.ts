import { describe, expect, it } from 'vitest';
import {
  addEdge,
  addMember,
  addService,
  placeServices,
  removeMember,
  removeService,
  serviceIdFor,
} from '../../src/renderer/features/graph/graph-edit';
import { budgetText } from '../../src/renderer/features/graph/graph-labels';
import { EMPTY_GRAPH, serviceGraphSchema } from '../../src/shared/domain/graph';

describe('editing a graph in the editor', () => {
  const shop = [
    (g: typeof EMPTY_GRAPH) => addService(g, 'Web shop', null),
    (g: typeof EMPTY_GRAPH) => addService(g, 'Web shop', null),
    (g: typeof EMPTY_GRAPH) => addService(g, '!!!', null),
  ].reduce((graph, step) => step(graph), EMPTY_GRAPH);

  it('makes a unique, valid id from any name', () => {
    expect(shop.services.map((service) => service.id)).toEqual(['web-shop', 'web-shop-2', 'service']);
    expect(serviceIdFor(shop, 'Web shop')).toBe('web-shop-3');
    expect(serviceGraphSchema.safeParse(shop).success).toBe(true);
  });

  it('adds an edge once, never a service on itself, and removing a service takes its edges', () => {
    const linked = addEdge(
      addEdge(addEdge(shop, { from: 'web-shop', to: 'service' }), { from: 'web-shop', to: 'service' }),
      {
        from: 'service',
        to: 'service',
      },
    );
    expect(linked.edges).toEqual([{ from: 'web-shop', to: 'service' }]);
    expect(removeService(linked, 'service').edges).toEqual([]);
    expect(shop.edges).toEqual([]);
  });

  it('gives a database cluster a primary first, then replicas, and shrinks the budget with the members', () => {
    let graph = addService(EMPTY_GRAPH, 'DB', null);
    graph = { ...graph, services: graph.services.map((s) => ({ ...s, kind: 'database-cluster' as const })) };
    graph = addMember(addMember(addMember(graph, 'db', 'db1'), 'db', 'db2'), 'db', 'db1');
    expect(graph.services[0]?.members).toEqual([
      { host: 'db1', role: 'database-primary' },
      { host: 'db2', role: 'database-replica' },
    ]);
    graph = { ...graph, services: graph.services.map((s) => ({ ...s, minHealthy: 2 })) };
    expect(graph.services.map(budgetText)).toEqual(['all 2 must stay up: none can be patched']);
    graph = removeMember(graph, 'db', 'db2');
    expect(graph.services[0]?.minHealthy).toBe(1);
    expect(placeServices(graph, new Map([['db', { x: 5, y: 7 }]])).services[0]?.position).toEqual({ x: 5, y: 7 });
  });
});
