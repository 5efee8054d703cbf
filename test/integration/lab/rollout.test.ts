import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad, summarise } from '../../../src/main/lab/load';
import { SHOP_URL } from '../../../src/main/lab/profile';
import { parseServerStates } from '../../../src/main/rollout/executors/haproxy';
import { DEFAULT_ROLLOUT_POLICY } from '../../../src/shared/domain/plan';
import type { App } from '../../../src/main/app';
import type { RolloutStep } from '../../../src/shared/domain/rollout';
import { hostStatus, lab, labCli, onHost, waitFor } from '../../lab/hosts';
import {
  closeRolloutApp,
  ctx,
  demoHttp,
  fixesFor,
  openRolloutApp,
  prepareRollouts,
  restoreInitial,
} from '../../lab/rollout-lab';

const WEB = ['web1', 'web2', 'web3'];

/** When each host was out of traffic: from its drain step's start to its undrain step's end. */
function drainedSpans(steps: readonly RolloutStep[]): Map<string, [string, string]> {
  const spans = new Map<string, [string, string]>();
  for (const host of new Set(steps.map((step) => step.host))) {
    const drain = steps.find((step) => step.host === host && step.step === 'drain');
    const undrain = [...steps].reverse().find((step) => step.host === host && step.step === 'undrain');
    if (drain && undrain?.finishedAt) spans.set(host, [drain.startedAt, undrain.finishedAt]);
  }
  return spans;
}

/** A rollout of the demo-http fix to the web tier, no failure allowed, run to its end. */
async function rollWebTier(app: App, versions: 'fixed' | 'latest') {
  const { rolloutId, done } = app.services.rollouts.start(
    { fixes: fixesFor(app, 'CVE-2026-90002'), hosts: WEB, versions, failureThreshold: 0 },
    ctx,
  );
  await done;
  return { rolloutId, view: app.services.rollouts.get(rolloutId) };
}

describe.skipIf(lab.skip !== null)(`rollouts on the lab's shop${lab.skip ? ` (skipped: ${lab.skip})` : ''}`, () => {
  // The engine's events, for the test that cuts a link when a patch starts.
  const listeners = new Set<(rolloutId: number) => void>();
  const app =
    lab.skip === null
      ? openRolloutApp((id) => {
          for (const listen of listeners) listen(id);
        })
      : null;

  beforeAll(async () => {
    if (!app) return;
    // The web and API tiers are one ring; no approval, so the test watches the engine alone.
    await prepareRollouts(app, { ...DEFAULT_ROLLOUT_POLICY, rings: ['important'], approvalRings: [] });
  }, 300_000);
  afterAll(async () => {
    if (app) closeRolloutApp(app);
    if (lab.skip !== null) return;
    // The lab as the next test files expect it: every host up, in traffic, at the versions it started with.
    await labCli(['fault', 'api1', 'restore']);
    await labCli(['fault', 'search1', 'restore']);
    for (const host of ['api1', 'search1'])
      await waitFor(`${host} to run again`, async () => (await hostStatus(host)).phase === 'running');
    await onHost('lb1', "echo 'set server api/api1 state ready' | socat stdio /run/haproxy/admin.sock");
    for (const host of [...WEB, 'api1', 'api2', 'search1', 'search2']) await restoreInitial(host);
  }, 300_000);

  it('patches the web tier to the fixed demo-http one host at a time behind HAProxy: no customer request fails', async () => {
    if (!app) return;
    const fixes = fixesFor(app, 'CVE-2026-90002');
    expect(fixes.length).toBeGreaterThan(0);
    const stop = new AbortController();
    const load = runLoad({ url: SHOP_URL, ratePerSecond: 25, durationMs: 15 * 60_000, signal: stop.signal });
    const { rolloutId, done } = app.services.rollouts.start(
      { fixes, hosts: WEB, versions: 'fixed', failureThreshold: 0 },
      ctx,
    );
    await done;
    stop.abort();
    const samples = await load;

    const view = app.services.rollouts.get(rolloutId);
    expect(view.hosts.map((host) => [host.host, host.phase, host.reason])).toEqual(
      WEB.map((host) => [host, 'done', null]),
    );
    expect({ status: view.status, reason: view.reason }).toEqual({ status: 'done', reason: null });
    for (const host of WEB) expect(await demoHttp(host)).toMatch(/^2\.1-1/);
    // The customers saw nothing: every request through the load balancer answered.
    const summary = summarise(samples);
    expect(summary.requests).toBeGreaterThan(100);
    expect(summary.failed).toBe(0);
    // One web server out of traffic at a time (the budget keeps two of three up).
    const spans = [...drainedSpans(app.services.rollouts.steps(rolloutId)).values()].sort();
    expect(spans).toHaveLength(3);
    for (let i = 1; i < spans.length; i++) expect((spans[i]?.[0] ?? '') >= (spans[i - 1]?.[1] ?? '')).toBe(true);
    // And HAProxy has every one back.
    const states = parseServerStates(
      await onHost('lb1', "echo 'show servers state web' | socat stdio /run/haproxy/admin.sock"),
    );
    expect(WEB.map((host) => states.get(host)?.drained)).toEqual([false, false, false]);
  }, 900_000);

  it('catches the demo-http 2.2 regression on the canary, rolls it back, and no other host receives 2.2', async () => {
    if (!app) return;
    const before = await Promise.all(WEB.map(demoHttp));
    const { rolloutId, view } = await rollWebTier(app, 'latest');
    expect(view.status).toBe('halted');
    const [canary, ...rest] = view.hosts;
    expect(canary).toMatchObject({ host: 'web1', phase: 'rolled-back', drained: false });
    expect(canary?.reason).toMatch(/requests to http:\/\/10\.213\.0\.12:8080\/ failed \(HTTP 500\)|answers in \d+ ms/);
    expect(rest.map((host) => host.phase)).toEqual(['skipped', 'skipped']);
    // web1 is back where it was; the others never moved.
    expect(await Promise.all(WEB.map(demoHttp))).toEqual(before);
    const steps = app.services.rollouts.steps(rolloutId, 'web1');
    expect(steps.map((step) => `${step.step}:${step.state}`)).toEqual([
      'precheck:ok',
      'drain:ok',
      'record:ok',
      'patch:ok',
      'restart:ok',
      'verify:failed',
      'rollback:ok',
      'reverify:ok',
      'undrain:ok',
    ]);
    expect(steps.find((step) => step.step === 'patch')?.outputExcerpt).toMatch(/demo-http 2\.2-1/);
    expect(app.services.rollouts.steps(rolloutId).filter((step) => step.host !== 'web1')).toEqual([]);
  }, 600_000);

  it('refuses a host an admin put in maintenance on HAProxy, and leaves it there', async () => {
    if (!app) return;
    const admin = (line: string) => onHost('lb1', `echo '${line}' | socat stdio /run/haproxy/admin.sock`);
    const before = await demoHttp('web1');
    await admin('set server web/web1 state maint');
    try {
      const { rolloutId, view } = await rollWebTier(app, 'fixed');
      expect(view.status).toBe('halted');
      expect(view.hosts[0]).toMatchObject({ host: 'web1', phase: 'failed', drained: false });
      expect(view.hosts[0]?.reason).toMatch(
        /lb1 already has web1 in maintenance in web: someone took it out of traffic/,
      );
      const steps = app.services.rollouts.steps(rolloutId, 'web1');
      expect(steps.map((step) => `${step.step}:${step.state}`)).toEqual(['precheck:failed']);
      // Nothing changed on web1, and it is still where the admin put it.
      expect(await demoHttp('web1')).toBe(before);
      const states = parseServerStates(await admin('show servers state web'));
      expect(states.get('web1')).toMatchObject({ drained: true, maintenance: true });
    } finally {
      await admin('set server web/web1 state ready');
    }
  }, 600_000);

  it('rolls back a host whose package upgrade script fails, says which, and the batch threshold halts the ring', async () => {
    if (!app) return;
    // Every pending update this time (demo-agent 1.1 among them, whose upgrade fails), no canary,
    // a threshold of 0: the first batch's failure is one too many.
    app.services.plans.setPolicy(
      { ...DEFAULT_ROLLOUT_POLICY, rings: ['non-critical'], approvalRings: [], canary: false },
      ctx,
    );
    const hosts = ['search1', 'search2'];
    const agent = (host: string) =>
      onHost(
        host,
        "dpkg-query -W -f='${Version}' demo-agent 2>/dev/null || rpm -q --qf '%{VERSION}-%{RELEASE}' demo-agent",
      );
    const before = await Promise.all(hosts.map(agent));
    const { rolloutId, done } = app.services.rollouts.start(
      { fixes: fixesFor(app, 'CVE-2026-90002'), hosts, versions: 'fixed', allUpdates: true, failureThreshold: 0 },
      ctx,
    );
    await done;
    const view = app.services.rollouts.get(rolloutId);
    const [first, second] = view.hosts;
    expect(first?.work.map((target) => target.name)).toContain('demo-agent');
    expect(first?.phase).toBe('rolled-back');
    expect(first?.reason).toMatch(/^patch failed: .*demo-agent/);
    expect(second).toMatchObject({ phase: 'skipped' });
    expect(view.status).toBe('halted');
    expect(view.reason).toMatch(/^1 of 1 hosts failed in batch 1 of ring non-critical, more than the threshold \(0\)/);
    // Back to the recorded versions, every package the failed upgrade touched.
    expect(await Promise.all(hosts.map(agent))).toEqual(before);
    const firstHost = first?.host ?? '';
    for (const [name, version] of Object.entries(first?.before ?? {}))
      expect(
        await onHost(
          firstHost,
          `dpkg-query -W -f='\${Version}' ${name} 2>/dev/null || rpm -q --qf '%{VERSION}-%{RELEASE}' ${name}`,
        ),
      ).toBe(version);
  }, 600_000);

  it('marks a host whose link is cut mid-patch failed and still drained, and keeps the API within its budget', async () => {
    if (!app) return;
    app.services.plans.setPolicy(
      { ...DEFAULT_ROLLOUT_POLICY, rings: ['important'], approvalRings: [], canary: false },
      ctx,
    );
    const fault: { cut: Promise<unknown> | null } = { cut: null };
    let rollout = 0;
    const onChange = (id: number): void => {
      if (fault.cut || id !== rollout) return;
      const api1 = app.services.rollouts.get(id).hosts.find((host) => host.host === 'api1');
      if (api1?.step === 'patch') fault.cut = labCli(['fault', 'api1', 'link-down']);
    };
    listeners.add(onChange);
    try {
      const started = app.services.rollouts.start(
        { fixes: fixesFor(app, 'CVE-2026-90002'), hosts: ['api1', 'api2'], versions: 'fixed', failureThreshold: 1 },
        ctx,
      );
      rollout = started.rolloutId;
      await started.done;
    } finally {
      listeners.delete(onChange);
    }
    expect(fault.cut).not.toBeNull();
    await fault.cut;
    const view = app.services.rollouts.get(rollout);
    const [api1, api2] = view.hosts;
    // The truth: api1 stopped answering during its patch, and HAProxy still has it drained.
    expect(api1).toMatchObject({ host: 'api1', phase: 'failed', drained: true });
    expect(api1?.reason).toMatch(/^unreachable during patch: api1: .*; still drained$/);
    // Patching api2 now would leave the API with no member up: it is not started.
    expect(api2).toMatchObject({ host: 'api2', phase: 'skipped' });
    expect(api2?.reason).toMatch(/^Not started: taking api2 down would leave Shop API with 0 of 2 members up/);
    expect(app.services.rollouts.steps(rollout, 'api2')).toEqual([]);
    // Within the threshold of one failure, the plan ran to its end.
    expect(view.status).toBe('done');
    const states = parseServerStates(
      await onHost('lb1', "echo 'show servers state api' | socat stdio /run/haproxy/admin.sock"),
    );
    expect([states.get('api1')?.drained, states.get('api2')?.drained]).toEqual([true, false]);
    await labCli(['fault', 'api1', 'link-up']);
  }, 600_000);

  it('marks a host whose reboot never returns failed with the reason, and holds the rest of its service', async () => {
    if (!app) return;
    app.services.plans.setPolicy(
      { ...DEFAULT_ROLLOUT_POLICY, rings: ['non-critical'], approvalRings: [], canary: false },
      ctx,
    );
    await labCli(['fault', 'search1', 'no-return']);
    // The kernel-like package needs a reboot to finish.
    const { rolloutId, done } = app.services.rollouts.start(
      { fixes: fixesFor(app, 'CVE-2026-90003'), hosts: ['search1', 'search2'], versions: 'fixed', failureThreshold: 1 },
      ctx,
    );
    await done;
    const view = app.services.rollouts.get(rolloutId);
    const [search1, search2] = view.hosts;
    expect(search1).toMatchObject({ host: 'search1', phase: 'failed', drained: false });
    expect(search1?.reason).toMatch(/search1 did not come back within 30 s of its reboot/);
    expect(app.services.rollouts.steps(rolloutId, 'search1').map((step) => `${step.step}:${step.state}`)).toEqual([
      'precheck:ok',
      'drain:ok',
      'record:ok',
      'patch:ok',
      'reboot:failed',
    ]);
    expect(search2).toMatchObject({ host: 'search2', phase: 'skipped' });
    expect(search2?.reason).toMatch(/^Not started: taking search2 down would leave Search with 0 of 2 members up/);
    expect((await hostStatus('search1')).phase).toBe('down');
  }, 600_000);
});
