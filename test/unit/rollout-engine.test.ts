import { describe, expect, it, onTestFinished } from 'vitest';
import type { StepOutcome } from '../../src/main/rollout/host-actions';
import { AFTER, BEFORE, createFakeHosts, fakeWorld, type FakeHost } from './rollout-fake-hosts';
import { batch, openRollouts, plan, POLICY, ring, TWO_RING_HOSTS, TWO_RINGS } from './rollout-fixtures';
import { admin, tempDir } from './support';

const FORWARD = ['precheck', 'drain', 'record', 'patch', 'restart', 'verify', 'undrain'];

/** A real journal on a temp SQLite file, over the labelled fake hosts. */
function setUp(hosts: readonly string[], overrides: Record<string, Partial<FakeHost>> = {}) {
  const fake = createFakeHosts({ world: fakeWorld(hosts, overrides) });
  const under = openRollouts(tempDir(), fake.actions);
  onTestFinished(() => {
    under.close();
  });
  return { fake, ...under };
}

describe('the rollout engine (over fake hosts)', () => {
  it('runs a two-ring plan: the gated ring waits for approval, every step journaled and audited', async () => {
    const { fake, engine, audit } = setUp(TWO_RING_HOSTS);
    const w2 = fake.hold('w2', 'patch');
    const w3 = fake.hold('w3', 'patch');
    const { rolloutId } = engine.start({ plan: TWO_RINGS, policy: POLICY, graphVersion: 3 }, admin);

    await engine.settled(rolloutId);
    expect(engine.rollout(rolloutId).state).toMatchObject({
      status: 'awaiting-approval',
      cursor: { ring: 1, batch: 0 },
      reason: 'Ring non-critical waits for approval',
    });
    expect(fake.steps('t1')).toEqual(FORWARD);
    expect(fake.steps('w1')).toEqual([]);

    const { done } = engine.approve(rolloutId, 'non-critical', admin);
    // The batch's two hosts run at the same time: both reach their patch before either goes on.
    await Promise.all([w2.reached, w3.reached]);
    w2.release();
    w3.release();
    await done;

    expect(engine.rollout(rolloutId).state.status).toBe('done');
    expect(engine.rollout(rolloutId).finishedAt).not.toBeNull();
    for (const host of TWO_RING_HOSTS) {
      expect(fake.steps(host)).toEqual(FORWARD);
      expect(fake.world.hosts[host]).toMatchObject({ drained: false, packages: AFTER });
    }
    expect(engine.hosts(rolloutId).map((host) => [host.host, host.run])).toEqual(
      TWO_RING_HOSTS.map((host) => [host, { phase: 'done' }]),
    );
    expect(engine.hosts(rolloutId)[0]?.preState).toEqual({ packages: BEFORE, snapshot: null, transaction: null });
    const steps = engine.steps(rolloutId);
    expect(steps).toHaveLength(4 * FORWARD.length);
    expect(steps.every((step) => step.state === 'ok' && step.attempt === 1 && step.finishedAt !== null)).toBe(true);
    expect(steps.every((step) => /^[0-9a-f]{64}$/.test(step.outputDigest ?? ''))).toBe(true);
    expect(steps.find((step) => step.step === 'patch')?.outputExcerpt).toBe('Upgraded demo-http 2.0-1 -> 2.1-1');

    const actions = audit.list(200).map((entry) => entry.action);
    expect(actions.filter((action) => action === 'rollout.step')).toHaveLength(2 * steps.length);
    expect(actions).toEqual(
      expect.arrayContaining(['rollout.start', 'rollout.approve', 'rollout.batch.done', 'rollout.end']),
    );
    expect(audit.verify()).toEqual({ ok: true, entries: actions.length });
  });

  it('rolls back a host whose verify fails and halts the ring when the threshold is 0', async () => {
    const { fake, engine, rollouts } = setUp(TWO_RING_HOSTS, { t1: { breaks: true } });
    const { rolloutId, done } = engine.start({ plan: TWO_RINGS, policy: POLICY, graphVersion: 1 }, admin);
    await done;

    expect(fake.steps('t1')).toEqual([...FORWARD.slice(0, 6), 'rollback', 'verify', 'undrain']);
    expect(fake.world.hosts['t1']).toMatchObject({ drained: false, healthy: true, packages: BEFORE });
    expect(engine.steps(rolloutId, 't1').map((step) => [step.step, step.state])).toEqual([
      ...FORWARD.slice(0, 5).map((step) => [step, 'ok']),
      ['verify', 'failed'],
      ['rollback', 'ok'],
      ['reverify', 'ok'],
      ['undrain', 'ok'],
    ]);
    expect(engine.rollout(rolloutId).state).toMatchObject({
      status: 'halted',
      reason: '1 of 1 hosts failed in batch 1 of ring test, more than the threshold (0)',
    });
    expect(engine.hosts(rolloutId).map((host) => [host.host, host.run.phase])).toEqual([
      ['t1', 'rolled-back'],
      ['w1', 'skipped'],
      ['w2', 'skipped'],
      ['w3', 'skipped'],
    ]);
    expect(engine.hosts(rolloutId)[0]?.run).toEqual({
      phase: 'rolled-back',
      reason: 'verify failed: HTTP 502 from /health',
    });
    expect(fake.steps('w1')).toEqual([]);
    expect(rollouts.openSteps(rolloutId)).toEqual([]);
  });

  it('lets a batch fail within the threshold, and fails a host that does not come back from a reboot, still drained', async () => {
    const { fake, engine } = setUp(['a', 'b', 'c'], { b: { needsReboot: true } });
    fake.script('b', 'restart', { kind: 'unreachable', output: 'no route to host', reason: 'not back after 600 s' });
    const { rolloutId, done } = engine.start(
      {
        plan: plan(ring('test', [batch(['a', 'b'])]), ring('important', [batch(['c'])])),
        policy: { failureThreshold: 1 },
        graphVersion: 1,
      },
      admin,
    );
    await done;
    expect(engine.rollout(rolloutId).state.status).toBe('done');
    expect(engine.hosts(rolloutId).find((host) => host.host === 'b')?.run).toEqual({
      phase: 'failed',
      reason: 'unreachable during reboot: not back after 600 s; still drained',
      drained: true,
    });
    expect(engine.steps(rolloutId, 'b').map((step) => step.step)).toEqual([
      'precheck',
      'drain',
      'record',
      'patch',
      'reboot',
    ]);
    expect(fake.steps('c')).toEqual(FORWARD);
  });

  it('pauses between steps and resumes where it stopped', async () => {
    const { fake, engine, rollouts } = setUp(['a', 'b']);
    const held = fake.hold('a', 'patch');
    const { rolloutId, done } = engine.start(
      { plan: plan(ring('test', [batch(['a', 'b'])])), policy: POLICY, graphVersion: 1 },
      admin,
    );
    await held.reached;
    engine.pause(rolloutId, admin);
    held.release();
    await engine.settled(rolloutId);

    expect(engine.rollout(rolloutId).state).toMatchObject({ status: 'paused', reason: 'Paused by alice' });
    // The patch under way finished; nothing after it started, on either host.
    expect(engine.steps(rolloutId, 'a').at(-1)).toMatchObject({ step: 'patch', state: 'ok' });
    expect(rollouts.openSteps(rolloutId)).toEqual([]);
    expect(fake.steps('a')).toEqual(FORWARD.slice(0, 4));
    expect(engine.hosts(rolloutId).map((host) => host.run)).toEqual([
      { phase: 'active', step: 'restart', path: 'forward', drained: true, reason: null },
      expect.objectContaining({ phase: 'active', drained: true }),
    ]);

    engine.resume(rolloutId, admin);
    await done;
    expect(engine.rollout(rolloutId).state.status).toBe('done');
    expect(fake.steps('a')).toEqual(FORWARD);
    expect(fake.steps('b')).toEqual(FORWARD);
  });

  it('cancels: no new host starts, the one under way finishes its run', async () => {
    const { fake, engine } = setUp(['a', 'b', 'c']);
    const held = fake.hold('a', 'verify');
    const { rolloutId, done } = engine.start(
      { plan: plan(ring('test', [batch(['a'], true), batch(['b', 'c'])])), policy: POLICY, graphVersion: 1 },
      admin,
    );
    await held.reached;
    engine.cancel(rolloutId, admin);
    held.release();
    await done;

    expect(engine.rollout(rolloutId).state).toMatchObject({ status: 'cancelled', reason: 'Cancelled by alice' });
    expect(engine.hosts(rolloutId).map((host) => [host.host, host.run.phase])).toEqual([
      ['a', 'done'],
      ['b', 'skipped'],
      ['c', 'skipped'],
    ]);
    expect(fake.world.hosts['a']).toMatchObject({ drained: false, packages: AFTER });
    expect(fake.steps('b')).toEqual([]);
    expect(() => engine.resume(rolloutId, admin)).toThrow(
      'Only a paused rollout can be resumed; this one is cancelled',
    );
  });

  it('pauses, saying why, when an executor answers out of contract; the step is closed, not left open', async () => {
    const fake = createFakeHosts({ world: fakeWorld(['a']) });
    // An executor bug: an outcome without its output.
    const broken = { ...fake.actions, verify: () => Promise.resolve({ kind: 'ok' } as StepOutcome) };
    const under = openRollouts(tempDir(), broken);
    onTestFinished(() => {
      under.close();
    });
    const { rolloutId, done } = under.engine.start(
      { plan: plan(ring('test', [batch(['a'])])), policy: POLICY, graphVersion: 1 },
      admin,
    );
    await expect(done).rejects.toThrow(TypeError);
    expect(under.engine.rollout(rolloutId).state).toMatchObject({
      status: 'paused',
      reason: expect.stringMatching(
        /^The engine stopped on an error \(.+\)\. In flight: a \(at verify\)\. Still drained: a\./,
      ) as unknown,
    });
    expect(under.rollouts.openSteps(rolloutId)).toEqual([]);
    expect(under.engine.steps(rolloutId, 'a').at(-1)).toMatchObject({
      step: 'verify',
      state: 'failed',
      reason: 'interrupted: verify is safe to repeat; it runs again on resume',
    });
  });

  it('refuses what is not allowed, with a code', () => {
    const { fake, engine } = setUp(['a', 'b']);
    fake.hold('a', 'precheck');
    expect(() => engine.start({ plan: plan(), policy: POLICY, graphVersion: 1 }, admin)).toThrow(
      expect.objectContaining({ code: 'invalid_input', message: 'The plan has no hosts to patch' }),
    );
    const twice = plan(ring('test', [batch(['a'])]), ring('important', [batch(['a'])]));
    expect(() => engine.start({ plan: twice, policy: POLICY, graphVersion: 1 }, admin)).toThrow(
      'The plan has a more than once',
    );
    const { rolloutId } = engine.start(
      { plan: plan(ring('test', [batch(['a'])])), policy: POLICY, graphVersion: 1 },
      admin,
    );
    expect(() =>
      engine.start({ plan: plan(ring('test', [batch(['b'])])), policy: POLICY, graphVersion: 1 }, admin),
    ).toThrow(
      expect.objectContaining({
        code: 'conflict',
        message: `Rollout ${String(rolloutId)} is running and not finished; finish, cancel or roll it back first`,
      }),
    );
    expect(() => engine.approve(rolloutId, 'critical', admin)).toThrow(
      expect.objectContaining({ code: 'not_found', message: `Rollout ${String(rolloutId)} has no ring critical` }),
    );
    expect(() => engine.approve(rolloutId, 'test', admin)).toThrow(
      expect.objectContaining({ code: 'conflict', message: 'The rollout is running; no ring is waiting for approval' }),
    );
    expect(() => engine.rollBack(rolloutId, admin)).toThrow('Pause the rollout before rolling it back; it is running');
  });
});
