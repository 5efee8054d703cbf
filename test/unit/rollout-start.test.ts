import { describe, expect, it } from 'vitest';
import { host, admin } from './support';
import { queuedApp } from './queued-app';

describe('starting a rollout from the queue', () => {
  it('leaves hosts the executors cannot patch out of the plan, each with the reason', async () => {
    const { app, close } = await queuedApp();
    try {
      const h1 = app.services.hosts.list().find((candidate) => candidate.name === 'h1');
      if (!h1) throw new Error('queuedApp has no h1');
      // The same findings, on a host the app now knows as Windows.
      app.services.hosts.update(h1.id, host({ name: 'h1', address: h1.address, osFamily: 'windows' }), admin);
      expect(app.services.queue.items().some((item) => item.hosts.includes('h1'))).toBe(true);
      const { rolloutId } = app.services.rollouts.start({ fixes: [], versions: 'fixed', failureThreshold: 0 }, admin);
      const view = app.services.rollouts.get(rolloutId);
      expect(view.hosts.map((entry) => entry.host)).toEqual(['h0']);
      expect(view.plan.unplaced).toContainEqual({
        host: 'h1',
        reason: 'h1 is a windows host: rollouts patch Debian- and RHEL-family hosts so far',
      });
      await app.services.rollouts.settled(rolloutId);
    } finally {
      close();
    }
  });

  it('refuses hosts that are not in the fleet', async () => {
    const { app, close } = await queuedApp();
    try {
      expect(() =>
        app.services.rollouts.start({ fixes: [], hosts: ['nope'], versions: 'fixed', failureThreshold: 0 }, admin),
      ).toThrow('Not in the fleet: nope');
    } finally {
      close();
    }
  });

  it('previews the plan it would run: only the chosen fix’s hosts, as start then makes it', async () => {
    const { app, close } = await queuedApp();
    try {
      const items = app.services.queue.items();
      const chosen = items.find((item) => item.hosts.length < new Set(items.flatMap((i) => i.hosts)).size);
      if (!chosen) throw new Error('queuedApp has no fix that covers fewer hosts than the queue');
      const preview = app.services.rollouts.plan({ fixes: [chosen.fix] });
      const hostsOf = (plan: typeof preview) => plan.rings.flatMap((ring) => ring.batches.flatMap((b) => b.hosts));
      expect(hostsOf(preview).sort()).toEqual([...chosen.hosts].sort());
      const { rolloutId } = app.services.rollouts.start(
        { fixes: [chosen.fix], versions: 'fixed', failureThreshold: 0 },
        admin,
      );
      expect(app.services.rollouts.get(rolloutId).plan.rings).toEqual(preview.rings);
      await app.services.rollouts.settled(rolloutId);
    } finally {
      close();
    }
  });

  it('waits, running, for the first batch’s maintenance window, and says until when', async () => {
    const { app, close } = await queuedApp();
    try {
      // Thursday noon (the test's clock); the site patches on Saturday nights only.
      const policy = app.services.plans.policy();
      app.services.plans.setPolicy({ ...policy, windows: [{ days: [6], start: '22:00', end: '04:00' }] }, admin);
      const { rolloutId, done } = app.services.rollouts.start(
        { fixes: [], versions: 'fixed', failureThreshold: 0 },
        admin,
      );
      expect(app.services.rollouts.get(rolloutId)).toMatchObject({
        status: 'running',
        waitingUntil: '2026-11-28T22:00:00.000Z',
      });
      expect(app.services.rollouts.steps(rolloutId)).toEqual([]);
      app.services.rollouts.cancel(rolloutId, admin);
      await done;
      expect(app.services.rollouts.get(rolloutId)).toMatchObject({ status: 'cancelled', waitingUntil: null });
      expect(app.services.rollouts.steps(rolloutId)).toEqual([]);
    } finally {
      close();
    }
  });

  it('plans and holds a rollout scheduled for later: slots from then, nothing started before', async () => {
    const { app, close } = await queuedApp();
    try {
      const notBefore = '2026-11-26T20:00:00.000Z';
      const preview = app.services.rollouts.plan({ fixes: [], notBefore });
      const first = preview.rings[0]?.batches[0]?.window.start ?? '';
      expect(Date.parse(first)).toBeGreaterThanOrEqual(Date.parse(notBefore));
      const { rolloutId, done } = app.services.rollouts.start(
        { fixes: [], versions: 'fixed', failureThreshold: 0, notBefore },
        admin,
      );
      expect(app.services.rollouts.get(rolloutId)).toMatchObject({ status: 'running', waitingUntil: notBefore });
      expect(app.services.rollouts.steps(rolloutId)).toEqual([]);
      app.services.rollouts.cancel(rolloutId, admin);
      await done;
    } finally {
      close();
    }
  });
});
