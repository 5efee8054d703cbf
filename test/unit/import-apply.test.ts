import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { admin, makeApp } from './support';

const defaults = {
  loginUser: 'root',
  environment: 'production',
  ring: 'non-critical',
  criticality: 'medium',
  exposure: 'internal',
} as const;
const fixture = (name: string): string => readFileSync(`test/fixtures/import/${name}`, 'utf8');

describe('fleet.import', () => {
  it('previews without changing anything, then adds the hosts and pins the keys it planned', async () => {
    const app = makeApp();
    const csv = 'name,address\nweb1,10.0.0.11\nweb2,10.0.0.12\nbad,not an address!\n';
    const preview = await app.dispatch('fleet.import', { format: 'csv', text: csv, defaults, apply: false }, admin);
    expect(preview).toMatchObject({ ok: true, value: { applied: false } });
    expect(app.services.hosts.list()).toEqual([]);

    const applied = await app.services.importHosts({ format: 'csv', text: csv, defaults, apply: true }, admin);
    expect(applied.rows.map((row) => [row.name, row.action])).toEqual([
      ['web1', 'add'],
      ['web2', 'add'],
      ['bad', 'invalid'],
    ]);
    expect(app.services.hosts.list().map((host) => host.name)).toEqual(['web1', 'web2']);

    const pins = await app.services.importHosts(
      { format: 'known-hosts', text: fixture('known_hosts'), defaults, apply: true },
      admin,
    );
    expect(pins.rows.filter((row) => row.action === 'pin').map((row) => row.name)).toEqual(['web1', 'web2']);
    const web1 = app.services.hosts.list().find((host) => host.name === 'web1');
    expect(app.services.hosts.hostKey(web1?.id ?? 0)?.fingerprint).toMatch(/^SHA256:/);
    expect(app.services.audit.list(20, undefined).map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['host.add', 'host.key.pin']),
    );
  });

  it('refuses a file larger than 5 MB at the boundary', async () => {
    const app = makeApp();
    const text = 'x'.repeat(5 * 1024 * 1024 + 1);
    expect(await app.dispatch('fleet.import', { format: 'csv', text, defaults, apply: true }, admin)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});
