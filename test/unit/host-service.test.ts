import { describe, expect, it } from 'vitest';
import { admin, host, makeApp } from './support';

describe('hosts', () => {
  it('adds, lists, edits and removes a host, announcing each change', () => {
    const app = makeApp();
    const added = app.services.hosts.add(host({ tags: ['web', 'pci'] }), admin);
    expect(app.services.hosts.list()).toEqual([added]);
    const edited = app.services.hosts.update(added.id, host({ ring: 'critical', tags: ['web'] }), admin);
    expect(edited).toMatchObject({ id: added.id, ring: 'critical', tags: ['web'] });
    expect(app.services.hosts.remove(added.id, admin)).toEqual({ id: added.id });
    expect(app.services.hosts.list()).toEqual([]);
    expect(app.emitted.filter((event) => event.name === 'fleet.change').map((event) => event.payload)).toEqual([
      { action: 'added', hostId: added.id },
      { action: 'updated', hostId: added.id },
      { action: 'removed', hostId: added.id },
    ]);
  });

  it('refuses a duplicate name (in any case) or address and port, and stores nothing', async () => {
    const app = makeApp();
    app.services.hosts.add(host(), admin);
    const result = await app.dispatch('fleet.add', host({ name: 'WEB1', address: '10.0.0.11' }), admin);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: 'A host named "web1" already exists; Host "web1" already uses 10.0.0.11 port 22',
        fields: { name: 'A host named "web1" already exists', address: 'Host "web1" already uses 10.0.0.11 port 22' },
      },
    });
    expect(app.services.hosts.list()).toHaveLength(1);
    expect(app.services.audit.list(10)).toHaveLength(1);
  });

  it('allows the same address on another port, and a host to keep its own name when edited', () => {
    const app = makeApp();
    const first = app.services.hosts.add(host(), admin);
    app.services.hosts.add(host({ name: 'web1-alt', port: 2222 }), admin);
    expect(() => app.services.hosts.update(first.id, host({ criticality: 'high' }), admin)).not.toThrow();
    expect(() => app.services.hosts.update(first.id, host({ port: 2222 }), admin)).toThrow(/already uses/);
  });

  it('normalises what people type: trimmed names, lower-case addresses', async () => {
    const app = makeApp();
    const result = await app.dispatch('fleet.add', host({ name: '  db1 ', address: ' DB1.Plant.LAN ' }), admin);
    expect(result).toMatchObject({ ok: true, value: { name: 'db1', address: 'db1.plant.lan' } });
  });

  it('writes no audit entry for an edit that changes nothing', () => {
    const app = makeApp();
    const added = app.services.hosts.add(host(), admin);
    app.services.hosts.update(added.id, host(), admin);
    expect(app.services.audit.list(10).map((entry) => entry.action)).toEqual(['host.add']);
  });

  it('says not_found for a host that is gone', () => {
    const app = makeApp();
    expect(() => app.services.hosts.update(41, host(), admin)).toThrow(/No host with id 41/);
  });
});
