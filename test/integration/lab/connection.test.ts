import { describe, expect, it } from 'vitest';
import { hostInputOf } from '../../../src/shared/domain/host';
import { lab, openLabApp } from '../../lab/hosts';

const admin = { actor: 'lab-test' };

function withApp<T>(work: (app: ReturnType<typeof openLabApp>) => Promise<T>): Promise<T> {
  const app = openLabApp();
  return work(app).finally(() => {
    app.close();
  });
}

const hostNamed = (app: ReturnType<typeof openLabApp>, name: string) => {
  const host = app.services.hosts.list().find((candidate) => candidate.name === name);
  if (!host) throw new Error(`${name} is not registered`);
  return host;
};

describe.skipIf(lab.skip !== null)(
  `test connection, trust, jump hosts${lab.skip ? ` (skipped: ${lab.skip})` : ''}`,
  () => {
    it('says what each login can do: sudo, root, or sudo once its password is stored', () =>
      withApp(async (app) => {
        const results = await Promise.all(
          ['web1', 'api1', 'web3'].map((name) => app.services.testConnection(hostNamed(app, name).id)),
        );
        expect(results.map((result) => [result.hostKey, result.login, result.privilege])).toEqual([
          ['match', 'ok', 'sudo'],
          ['match', 'ok', 'root'],
          ['match', 'ok', 'sudo-needs-password'],
        ]);
      }));

    it('shows an unpinned key without logging in, pins it only once confirmed, and refuses a wrong confirmation', () =>
      withApp(async (app) => {
        const web1 = hostNamed(app, 'web1');
        const pinned = app.services.hosts.hostKey(web1.id);
        if (!pinned) throw new Error('web1 has no pinned key');
        app.store.db.prepare('DELETE FROM host_key WHERE host_id = ?').run(web1.id);
        try {
          const first = await app.services.testConnection(web1.id);
          expect(first).toMatchObject({ hostKey: 'unknown', fingerprint: pinned.fingerprint, login: 'not-tried' });
          await expect(
            app.services.trustHostKey(web1.id, 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', admin),
          ).rejects.toMatchObject({ code: 'conflict' });
          expect(app.services.hosts.hostKey(web1.id)).toBeUndefined();
          await app.services.trustHostKey(web1.id, pinned.fingerprint, admin);
          expect(await app.services.testConnection(web1.id)).toMatchObject({ hostKey: 'match', login: 'ok' });
          expect(app.services.audit.list(5, undefined).map((entry) => entry.action)).toContain('host.key.pin');
        } finally {
          app.services.hosts.pinHostKey(web1.id, `${pinned.algorithm} ${pinned.publicKey}`, admin);
        }
      }));

    it('scans a host through a jump host, and the host sees the connection come from the jump host', () =>
      withApp(async (app) => {
        const web1 = hostNamed(app, 'web1');
        app.services.hosts.update(web1.id, { ...hostInputOf(web1), jumpHost: 'lb1' }, admin);
        try {
          const [scan] = await app.services.scans.start([web1.id], 'manual', admin).done;
          expect(scan?.status).toBe('ok');
          const connections = scan?.status === 'ok' ? scan.inventory.connections : null;
          expect(connections).toContainEqual(
            expect.objectContaining({ state: 'established', localPort: 22, remote: '10.213.0.11' }),
          );
        } finally {
          app.services.hosts.update(web1.id, { ...hostInputOf(web1), jumpHost: null }, admin);
        }
      }));
  },
);
