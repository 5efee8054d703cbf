import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad, summarise } from '../../../src/main/lab/load';
import { SHOP_URL } from '../../../src/main/lab/profile';
import { DEFAULT_ROLLOUT_POLICY } from '../../../src/shared/domain/plan';
import { lab } from '../../lab/hosts';
import {
  closeRolloutApp,
  ctx,
  demoHttp,
  expectReplicated,
  inRecovery,
  openRolloutApp,
  prepareRollouts,
  restoreInitial,
  restorePrimary,
} from '../../lab/rollout-lab';

describe.skipIf(lab.skip !== null)(`patching the whole shop${lab.skip ? ` (skipped: ${lab.skip})` : ''}`, () => {
  const app = lab.skip === null ? openRolloutApp() : null;
  let patched: string[] = [];

  beforeAll(async () => {
    if (!app) return;
    // The site's policy as shipped: rings in order, the critical ring waits for an approval.
    await prepareRollouts(app, DEFAULT_ROLLOUT_POLICY);
  }, 300_000);
  afterAll(async () => {
    if (!app) return;
    // The database pair as the lab made it, in the hosts and in the graph, and every host at the
    // versions it started with.
    try {
      if (await restorePrimary('db1', 'db2')) app.services.graph.recordSwitchover('db', 'db2', 'db1', ctx);
    } finally {
      closeRolloutApp(app);
    }
    for (const host of patched) await restoreInitial(host);
  }, 600_000);

  it('patches every host for the demo fixes with no failed customer request, the replica promoted before the old primary', async () => {
    if (!app) return;
    const stop = new AbortController();
    const load = runLoad({ url: SHOP_URL, ratePerSecond: 20, durationMs: 30 * 60_000, signal: stop.signal });
    const { rolloutId } = app.services.rollouts.start({ fixes: [], versions: 'fixed', failureThreshold: 0 }, ctx);
    patched = app.services.rollouts.get(rolloutId).hosts.map((host) => host.host);
    await app.services.rollouts.settled(rolloutId);
    const waiting = app.services.rollouts.get(rolloutId);
    expect(waiting.status, waiting.reason ?? '').toBe('awaiting-approval');
    expect(waiting.reason).toBe('Ring critical waits for approval');
    app.services.rollouts.approve(rolloutId, 'critical', ctx);
    await app.services.rollouts.settled(rolloutId);
    stop.abort();
    const samples = await load;

    const view = app.services.rollouts.get(rolloutId);
    expect(view.hosts.filter((host) => host.phase !== 'done').map((host) => [host.host, host.reason])).toEqual([]);
    expect(view.status).toBe('done');
    expect(patched.sort()).toEqual(['api1', 'api2', 'db1', 'db2', 'search1', 'search2', 'web1', 'web2', 'web3']);
    // The load balancer is alone in its service: the plan could not take it down, and says so.
    expect(view.plan.unplaced.map((entry) => entry.host)).toEqual(['lb1']);
    const summary = summarise(samples);
    console.info(
      `the shop under load while patched: ${String(summary.requests)} requests, ${String(summary.failed)} failed, ` +
        `p50 ${summary.p50.toFixed(1)} ms, p99 ${summary.p99.toFixed(1)} ms`,
    );
    expect(summary.requests).toBeGreaterThan(200);
    expect(summary.failed).toBe(0);
    for (const host of ['web1', 'web2', 'web3']) expect(await demoHttp(host)).toMatch(/^2\.1-1/);

    // db2 was patched (as the replica) before db1 left; then db2 took over, and db1 follows it.
    const steps = app.services.rollouts.steps(rolloutId);
    const db2Done = steps.filter((step) => step.host === 'db2').at(-1)?.finishedAt ?? '';
    const db1Drain = steps.find((step) => step.host === 'db1' && step.step === 'drain');
    expect(db2Done < (db1Drain?.startedAt ?? '')).toBe(true);
    expect(db1Drain?.outputExcerpt).toContain('db2 took over PostgreSQL from db1');
    expect(db1Drain?.outputExcerpt).toMatch(/The service graph now has db2 as the primary \(version \d+\)/);
    // The graph says so too, so the next rollout patches db1 first, as the replica it now is.
    expect(app.services.graph.current().services.find((service) => service.id === 'db')?.members).toEqual([
      { host: 'db1', role: 'database-replica' },
      { host: 'db2', role: 'database-primary' },
    ]);
    expect(await inRecovery('db2')).toBe(false);
    expect(await inRecovery('db1')).toBe(true);
    await expectReplicated('db2', 'db1');
  }, 1_200_000);
});
