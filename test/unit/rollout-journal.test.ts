import { createHash } from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import { decideInterrupted } from '../../src/main/domain/rollout/interrupted';
import { EXCERPT_LIMIT, outputExcerpt } from '../../src/main/domain/rollout/output';
import { AFTER, BEFORE, createFakeHosts, fakeWorld, type FakeWorld } from './rollout-fake-hosts';
import { batch, openRollouts, plan, POLICY, ring } from './rollout-fixtures';
import { admin, tempDir } from './support';

const ONE_BATCH = plan(ring('test', [batch(['a', 'b'])]));

/** An app over the labelled fake hosts; "crashing" it abandons whatever step is under way. */
function app(dataDir: string, world: FakeWorld) {
  const fake = createFakeHosts({ world });
  const under = openRollouts(dataDir, fake.actions);
  onTestFinished(() => {
    under.close();
  });
  return { fake, ...under };
}

describe('the rollout journal', () => {
  it('adds its tables as migration 14, STRICT and checked', () => {
    const { store } = app(tempDir(), fakeWorld([]));
    expect(store.migration.schemaVersion).toBeGreaterThanOrEqual(14);
    const insert = (state: string, finished: string | null) => () =>
      store.db
        .prepare(
          `INSERT INTO rollout_step (rollout_id, host, step, attempt, state, started_at, finished_at)
           VALUES (1, 'a', 'drain', 1, ?, 'now', ?)`,
        )
        .run(state, finished);
    expect(insert('started', 'now')).toThrow(/CHECK constraint failed/);
    expect(insert('maybe', null)).toThrow(/CHECK constraint failed/);
    expect(() =>
      store.db
        .prepare("INSERT INTO rollout_ring (rollout_id, ring_index, name, approval) VALUES (1, 'x', 'test', 0)")
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
  });

  it('writes a step as started before the host is touched, and closes it after', async () => {
    const { fake, engine, rollouts, audit } = app(tempDir(), fakeWorld(['a', 'b']));
    const held = fake.hold('a', 'drain');
    const { rolloutId, done } = engine.start({ plan: ONE_BATCH, policy: POLICY, graphVersion: 1 }, admin);
    await held.reached;
    // b, in the same batch, runs on meanwhile; a's drain is on record as started, not finished.
    expect(rollouts.openSteps(rolloutId)).toContainEqual(
      expect.objectContaining({ host: 'a', step: 'drain', attempt: 1, state: 'started', finishedAt: null }),
    );
    expect(engine.hosts(rolloutId)[0]?.run).toEqual({
      phase: 'active',
      step: 'drain',
      path: 'forward',
      drained: false,
      reason: null,
    });
    expect(audit.list(50).find((entry) => entry.hosts[0] === 'a')).toMatchObject({
      action: 'rollout.step',
      details: { step: 'drain', attempt: 1, state: 'started' },
    });
    held.release();
    await done;
    expect(engine.steps(rolloutId, 'a')[1]).toMatchObject({ step: 'drain', state: 'ok' });
  });

  it('keeps a bounded excerpt of the output and the digest of all of it', async () => {
    const { fake, engine } = app(tempDir(), fakeWorld(['a']));
    const output = `dnf upgrade demo-http\n${'x'.repeat(20_000)}\nError: Transaction check error`;
    fake.script('a', 'patch', { kind: 'failed', output, reason: 'transaction check error' });
    const { rolloutId, done } = engine.start(
      { plan: plan(ring('test', [batch(['a'])])), policy: POLICY, graphVersion: 1 },
      admin,
    );
    await done;
    const patch = engine.steps(rolloutId, 'a').find((step) => step.step === 'patch');
    expect(patch?.outputDigest).toBe(createHash('sha256').update(output).digest('hex'));
    expect(patch?.outputExcerpt?.length).toBeLessThanOrEqual(EXCERPT_LIMIT);
    expect(patch?.outputExcerpt).toMatch(/^dnf upgrade demo-http\n/);
    expect(patch?.outputExcerpt).toMatch(/characters left out …\n[x]+\nError: Transaction check error$/);
    expect(outputExcerpt('short')).toBe('short');
  });
});

describe('reconciling after the app stopped mid-step', () => {
  it('retries a drain that had not taken effect, and resumes to the end', async () => {
    const dataDir = tempDir();
    const world = fakeWorld(['a', 'b']);
    const first = app(dataDir, world);
    const held = first.fake.hold('a', 'drain');
    const { rolloutId } = first.engine.start({ plan: ONE_BATCH, policy: POLICY, graphVersion: 1 }, admin);
    await held.reached;
    first.close();

    const second = app(dataDir, world);
    const [report] = await second.engine.reconcile();
    expect(report?.steps).toContainEqual({
      host: 'a',
      step: 'drain',
      result: 'failed',
      reason: 'interrupted: the host is not drained; it runs again on resume',
      drained: false,
    });
    expect(second.engine.rollout(rolloutId).state.status).toBe('paused');
    expect(second.engine.rollout(rolloutId).state.reason).toMatch(
      /^Patchwise stopped while this rollout ran\. In flight: a \(at drain\)/,
    );
    expect(second.rollouts.openSteps(rolloutId)).toEqual([]);

    await second.engine.resume(rolloutId, admin).done;
    expect(second.engine.rollout(rolloutId).state.status).toBe('done');
    expect(
      second.engine
        .steps(rolloutId, 'a')
        .filter((step) => step.step === 'drain')
        .map((step) => [step.attempt, step.state]),
    ).toEqual([
      [1, 'failed'],
      [2, 'ok'],
    ]);
    expect(world.hosts['a']).toMatchObject({ drained: false, packages: AFTER });
  });

  it('says a host is drained when the app stopped after its patch took effect, and rolls it back on request', async () => {
    const dataDir = tempDir();
    const world = fakeWorld(['a']);
    const first = app(dataDir, world);
    const held = first.fake.hold('a', 'patch', 'after');
    const { rolloutId } = first.engine.start(
      { plan: plan(ring('test', [batch(['a'])])), policy: POLICY, graphVersion: 1 },
      admin,
    );
    await held.reached;
    first.close();
    expect(world.hosts['a']).toMatchObject({ drained: true, packages: AFTER });

    const second = app(dataDir, world);
    const [report] = await second.engine.reconcile();
    expect(report).toMatchObject({
      status: 'paused',
      reason:
        'Patchwise stopped while this rollout ran. In flight: a (at patch). Still drained: a. Resume to carry on, or roll back.',
      steps: [{ host: 'a', step: 'patch', result: 'failed', drained: true }],
    });
    expect(report?.steps[0]?.reason).toBe(
      'interrupted: packages changed, the transaction may be incomplete; it runs again on resume',
    );

    await second.engine.rollBack(rolloutId, admin).done;
    expect(second.engine.rollout(rolloutId).state).toMatchObject({
      status: 'cancelled',
      reason: 'Rolled back by alice',
    });
    expect(second.engine.hosts(rolloutId)[0]?.run).toEqual({ phase: 'rolled-back', reason: 'Rolled back by alice' });
    expect(world.hosts['a']).toMatchObject({ drained: false, packages: BEFORE });
    expect(second.audit.verify().ok).toBe(true);
  });

  it('keeps an unreachable host drained on record', async () => {
    const dataDir = tempDir();
    const world = fakeWorld(['a']);
    const first = app(dataDir, world);
    const held = first.fake.hold('a', 'restart');
    const { rolloutId } = first.engine.start(
      { plan: plan(ring('test', [batch(['a'])])), policy: POLICY, graphVersion: 1 },
      admin,
    );
    await held.reached;
    first.close();
    const host = world.hosts['a'];
    if (host) host.reachable = false;

    const second = app(dataDir, world);
    expect(() => second.engine.cancel(rolloutId, admin)).toThrow(
      `Rollout ${String(rolloutId)} has steps a stopped run left open; reconcile it first`,
    );
    const [report] = await second.engine.reconcile();
    expect(report?.steps).toEqual([expect.objectContaining({ step: 'restart', result: 'failed', drained: true })]);
    expect(report?.reason).toContain('Still drained: a.');
    expect(second.engine.hosts(rolloutId)[0]?.run).toMatchObject({ phase: 'active', step: 'restart', drained: true });
  });

  it.each([
    ['undrain', { drained: false }, 'ok'],
    ['undrain', { drained: null }, 'failed'],
    ['rollback', { packages: BEFORE }, 'ok'],
    ['rollback', { packages: AFTER }, 'failed'],
    ['verify', {}, 'failed'],
  ] as const)('decides an interrupted %s from %j: %s', (step, found, result) => {
    const run = { phase: 'active', step, path: 'rollback', drained: true, reason: 'v' } as const;
    const finding = { reachable: true, drained: true, packages: AFTER, detail: 'probed', ...found } as const;
    const pre = { packages: BEFORE, snapshot: null, transaction: null };
    expect(decideInterrupted(run, step, finding, pre).result).toBe(result);
  });
});
