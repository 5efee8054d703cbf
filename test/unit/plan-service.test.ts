import { afterEach, describe, expect, it, vi } from 'vitest';
import { runPlan } from '../../src/main/cli/plan';
import type { Service } from '../../src/shared/domain/graph';
import { DEFAULT_ROLLOUT_POLICY } from '../../src/shared/domain/plan';
import { queuedApp } from './queued-app';
import { admin } from './support';

const web: Service = {
  id: 'web',
  name: 'Web',
  kind: 'service',
  minHealthy: 1,
  members: [
    { host: 'h0', role: 'web' },
    { host: 'h1', role: 'web' },
  ],
  drain: null,
  checks: [],
  switchover: null,
  position: null,
};

describe('planning the queue', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('plans the hosts of the chosen fixes over the current graph, within its budgets', async () => {
    const { app, close } = await queuedApp();
    try {
      app.services.graph.save({ services: [web], edges: [] }, 0, admin);
      const all = await app.dispatch('plan.build', { fixes: [] }, admin);
      expect(all).toMatchObject({
        ok: true,
        value: {
          rings: [
            {
              name: 'non-critical',
              approval: false,
              batches: [
                { hosts: ['h0'], services: ['web'], canary: true, window: { start: '2026-11-26T12:00:00.000Z' } },
                { hosts: ['h1'], services: ['web'], canary: false, window: { start: '2026-11-26T12:30:00.000Z' } },
              ],
            },
          ],
          unplaced: [],
        },
      });
      // The Rocky host alone has the RHEL fix.
      const one = app.services.plans.plan(['RLSA-2026:9002']);
      expect(one.rings.flatMap((ring) => ring.batches.flatMap((batch) => batch.hosts))).toEqual(['h1']);
      expect(await app.dispatch('plan.build', { fixes: ['DSA-0-1'] }, admin)).toMatchObject({
        ok: false,
        error: { code: 'not_found', message: 'Not in the patch queue now: DSA-0-1' },
      });
    } finally {
      close();
    }
  });

  it('keeps the site policy, audited, refuses an unknown time zone, and plans in its windows', async () => {
    const { app, close } = await queuedApp();
    try {
      expect(app.services.plans.policy()).toEqual(DEFAULT_ROLLOUT_POLICY);
      const refused = await app.dispatch('policy.set', { ...DEFAULT_ROLLOUT_POLICY, timeZone: 'Mars/Olympus' }, admin);
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      // Thursday 2026-11-26 12:00 UTC; the window opens Saturdays 02:00 Berlin time (01:00 UTC).
      const policy = {
        ...DEFAULT_ROLLOUT_POLICY,
        windows: [{ days: [6], start: '02:00', end: '06:00' }],
        timeZone: 'Europe/Berlin',
      };
      expect(await app.dispatch('policy.set', policy, admin)).toEqual({ ok: true, value: policy });
      expect(app.services.audit.list(1)[0]).toMatchObject({ action: 'policy.update', target: 'rollout-policy' });
      const [first] = app.services.plans.plan([]).rings[0]?.batches ?? [];
      expect(first?.window).toEqual({ start: '2026-11-28T01:00:00.000Z', end: '2026-11-28T01:30:00.000Z' });
    } finally {
      close();
    }
  });

  it('prints the plan as JSON from the command line', async () => {
    const { dataDir, close } = await queuedApp();
    close();
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((text: unknown) => {
      printed.push(String(text));
    });
    expect(runPlan([], true, dataDir)).toBe(0);
    const plan = JSON.parse(printed.join('\n')) as { rings: { name: string; batches: { hosts: string[] }[] }[] };
    // No graph yet: no budget holds the two hosts apart, so the canary goes first, then the other.
    expect(plan.rings.map((ring) => [ring.name, ring.batches.map((batch) => batch.hosts)])).toEqual([
      ['non-critical', [['h0'], ['h1']]],
    ]);
  });
});
