import { afterAll, describe, expect, it } from 'vitest';
import { parseServerStates, setServerState, type HaproxyDrain } from '../../../src/main/rollout/executors/haproxy';
import { lab, onHost, openLabApp } from '../../lab/hosts';

const SHOW_WEB = "echo 'show servers state web' | socat stdio /run/haproxy/admin.sock";

describe.skipIf(lab.skip !== null)(
  `draining a web server through the lab's HAProxy${lab.skip ? ` (skipped: ${lab.skip})` : ''}`,
  () => {
    const app = lab.skip === null ? openLabApp() : null;
    afterAll(async () => {
      if (lab.skip === null)
        await onHost('lb1', "echo 'set server web/web1 state ready' | socat stdio /run/haproxy/admin.sock");
      app?.close();
    });

    it('drains web1 over SSH as the graph says, HAProxy agrees, and puts it back', async () => {
      if (!app) return;
      const hosts = app.services.hosts;
      const web = app.services.graph.current().services.find((service) => service.id === 'web');
      expect(web?.drain).toMatchObject({ kind: 'haproxy', via: 'lb1', backend: 'web' });
      const drain = web?.drain as HaproxyDrain;
      const lbHost = hosts.list().find((host) => host.name === drain.via);
      if (!lbHost) throw new Error('no lb1 in the fleet');
      const lb = {
        host: lbHost,
        sources: {
          hostByName: (name: string) => hosts.list().find((host) => host.name === name),
          pinnedKey: (id: number) => hosts.hostKey(id) ?? null,
          secret: () => Promise.resolve(undefined),
        },
        timeoutMs: 20_000,
      };

      const drained = await setServerState(lb, drain, 'web1', 'drain');
      expect(drained.drained).toBe(true);
      // Read at the load balancer's console, not through Patchwise.
      const seen = parseServerStates(await onHost('lb1', SHOW_WEB));
      expect(seen.get('web1')?.drained).toBe(true);
      expect(seen.get('web2')?.drained).toBe(false);

      const ready = await setServerState(lb, drain, 'web1', 'ready');
      expect(ready.drained).toBe(false);
      expect(parseServerStates(await onHost('lb1', SHOW_WEB)).get('web1')?.drained).toBe(false);

      await expect(setServerState(lb, drain, 'web9', 'drain')).rejects.toThrow(/HAProxy refused|has no server web9/);
    });
  },
);
