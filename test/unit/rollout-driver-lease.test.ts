import { describe, expect, it, onTestFinished } from 'vitest';
import {
  createDriverLeases,
  heldByAnother,
  LEASE_TTL_MS,
  type DriverIdentity,
} from '../../src/main/rollout/driver-lease';
import { createFakeHosts, fakeWorld, type FakeWorld } from './rollout-fake-hosts';
import { batch, openRollouts, plan, POLICY, ring } from './rollout-fixtures';
import { admin, tempDir } from './support';

const ME: DriverIdentity = { owner: 'me', pid: 100, machine: 'console' };
const NOW = new Date('2026-11-27T10:00:00.000Z');
const ago = (ms: number): string => new Date(NOW.getTime() - ms).toISOString();
const alive = (pid: number): boolean => pid !== 666;

describe('whether a driver lease binds another process', () => {
  const cases: [string, Parameters<typeof heldByAnother>[0], boolean][] = [
    ['no lease', undefined, false],
    ['our own', { owner: 'me', pid: 100, machine: 'console', heartbeatAt: ago(0) }, false],
    [
      'a live process here, heard 5 s ago',
      { owner: 'cli', pid: 200, machine: 'console', heartbeatAt: ago(5_000) },
      true,
    ],
    ['a process here that is gone', { owner: 'cli', pid: 666, machine: 'console', heartbeatAt: ago(1_000) }, false],
    ['another machine, heard 5 s ago', { owner: 'far', pid: 666, machine: 'other', heartbeatAt: ago(5_000) }, true],
    [
      'a live process not heard for longer than the TTL',
      { owner: 'cli', pid: 200, machine: 'console', heartbeatAt: ago(LEASE_TTL_MS + 1) },
      false,
    ],
  ];
  it.each(cases)('%s', (_, lease, held) => {
    expect(heldByAnother(lease, ME, NOW, alive)).toBe(held);
  });
});

const ONE_BATCH = plan(ring('test', [batch(['a'])]));
const TWO_HOSTS = plan(ring('test', [batch(['a']), batch(['b'])]));
const GATED = plan(ring('test', [batch(['a'])]), ring('non-critical', [batch(['b'])], true));

/**
 * Two processes on one data folder: each its own connection to the SQLite file (so the locks are
 * SQLite's own, as between processes), its own identity, and the same fake hosts.
 */
function twoProcesses(world: FakeWorld, options: { ttlMs: number; secondClockAheadMs?: number }) {
  const dataDir = tempDir();
  const open = (owner: string, aheadMs = 0) => {
    const fake = createFakeHosts({ world });
    const clock = (): Date => new Date(Date.now() + aheadMs);
    const under = openRollouts(dataDir, fake.actions, undefined, (db) =>
      createDriverLeases({
        db,
        clock,
        me: { owner, pid: process.pid, machine: 'console' },
        ttlMs: options.ttlMs,
      }),
    );
    onTestFinished(() => {
      under.close();
    });
    return { fake, ...under };
  };
  return { app: open('app'), cli: open('cli', options.secondClockAheadMs) };
}

describe('one driver per rollout across processes', () => {
  it('leaves a rollout another live process drives alone: no reconcile, no second start, its commands reach the driver', async () => {
    const world = fakeWorld(['a', 'b']);
    const { app, cli } = twoProcesses(world, { ttlMs: 300 });
    const { rolloutId, done } = app.engine.start({ plan: GATED, policy: POLICY, graphVersion: 1 }, admin);
    await app.engine.settled(rolloutId);
    expect(app.engine.rollout(rolloutId).state.status).toBe('awaiting-approval');

    // The CLI's start-up reconcile leaves it alone, and it cannot start a second rollout.
    expect(await cli.engine.reconcile()).toEqual([]);
    expect(() => cli.engine.start({ plan: ONE_BATCH, policy: POLICY, graphVersion: 1 }, admin)).toThrow(
      /Rollout 1 is awaiting-approval and not finished/,
    );

    // The CLI approves; the app, which holds the lease and waits, picks the approval up from the journal.
    const held = app.fake.hold('b', 'patch');
    await cli.engine.approve(rolloutId, 'non-critical', admin).done;
    // The hold is the app's: had the CLI driven b itself, this would never be reached.
    await held.reached;
    held.release();
    await done.catch(() => undefined);
    await app.engine.settled(rolloutId);
    expect(app.engine.rollout(rolloutId).state.status).toBe('done');
    // Every step of b ran once, by the app.
    expect(app.engine.steps(rolloutId, 'b').every((step) => step.attempt === 1 && step.state === 'ok')).toBe(true);
    // Done, the lease is given back.
    expect(app.store.db.prepare('SELECT count(*) AS n FROM rollout_driver').get()).toEqual({ n: 0 });
  });

  it('lets a process reconcile a rollout whose driver has not renewed its lease within the TTL', async () => {
    const world = fakeWorld(['a']);
    // The CLI's clock runs more than a TTL ahead: to it the app's heartbeat is stale, as if the app had stalled.
    const { app, cli } = twoProcesses(world, { ttlMs: LEASE_TTL_MS, secondClockAheadMs: LEASE_TTL_MS + 1_000 });
    const held = app.fake.hold('a', 'patch', 'after');
    const { rolloutId } = app.engine.start({ plan: ONE_BATCH, policy: POLICY, graphVersion: 1 }, admin);
    await held.reached;

    const [report] = await cli.engine.reconcile();
    expect(report).toMatchObject({
      rolloutId,
      status: 'paused',
      steps: [{ host: 'a', step: 'patch', result: 'failed' }],
    });
    const journal = () => ({
      rollout: cli.engine.rollout(rolloutId),
      hosts: cli.engine.hosts(rolloutId),
      steps: cli.engine.steps(rolloutId),
      audited: cli.store.db.prepare('SELECT count(*) AS n FROM audit_entry').get(),
    });
    const afterTakeover = journal();

    // The app's patch step ends late; what it would write, the journal already closed.
    held.release();
    await app.engine.settled(rolloutId);
    expect(journal()).toEqual(afterTakeover);
    expect(afterTakeover.rollout.state.status).toBe('paused');
  });

  it('fences off a stalled driver whose lease another process took over: it writes nothing more', async () => {
    const world = fakeWorld(['a', 'b']);
    // To the CLI, the app's heartbeat is a second old: older than the TTL, as if the app had stalled.
    const { app, cli } = twoProcesses(world, { ttlMs: 300, secondClockAheadMs: 1_000 });
    const { rolloutId } = app.engine.start({ plan: GATED, policy: POLICY, graphVersion: 1 }, admin);
    await app.engine.settled(rolloutId);

    // The CLI's approval takes the lease over and drives b.
    const cliHeld = cli.fake.hold('b', 'patch');
    const { done } = cli.engine.approve(rolloutId, 'non-critical', admin);
    await cliHeld.reached;
    // The app wakes to the approval in the journal; before its first write it finds the lease
    // gone and stops (had it driven b, its fake would run b's patch a second time).
    await app.engine.settled(rolloutId);
    cliHeld.release();
    await done;
    expect(cli.engine.rollout(rolloutId).state.status).toBe('done');
    expect(cli.engine.steps(rolloutId, 'b').map((step) => [step.step, step.attempt, step.state])).toEqual([
      ['precheck', 1, 'ok'],
      ['drain', 1, 'ok'],
      ['record', 1, 'ok'],
      ['patch', 1, 'ok'],
      ['restart', 1, 'ok'],
      ['verify', 1, 'ok'],
      ['undrain', 1, 'ok'],
    ]);
  });

  it('keeps its lease past the TTL by renewing it, so another process still leaves the rollout alone', async () => {
    const world = fakeWorld(['a', 'b']);
    const { app, cli } = twoProcesses(world, { ttlMs: 300 });
    const { rolloutId } = app.engine.start({ plan: GATED, policy: POLICY, graphVersion: 1 }, admin);
    await app.engine.settled(rolloutId);
    // Wait (on the table itself) until the lease has been renewed after more than a TTL.
    const heard = () =>
      Date.parse((app.store.db.prepare('SELECT heartbeat_at AS at FROM rollout_driver').get() as { at: string }).at);
    const first = heard();
    await expect.poll(() => heard() - first, { timeout: 5_000, interval: 50 }).toBeGreaterThan(300);
    expect(await cli.engine.reconcile()).toEqual([]);
  });

  it('takes a command from another process while its own step runs: the step finishes, then the command holds', async () => {
    const world = fakeWorld(['a', 'b']);
    const { app, cli } = twoProcesses(world, { ttlMs: 300 });
    const held = app.fake.hold('a', 'patch');
    const { rolloutId, done } = app.engine.start({ plan: TWO_HOSTS, policy: POLICY, graphVersion: 1 }, admin);
    await held.reached;
    // An open step, but a live driver: the CLI's cancel is written, not refused.
    expect(cli.engine.cancel(rolloutId, admin).rollout.state.status).toBe('cancelled');
    held.release();
    await done;
    const view = app.engine.rollout(rolloutId);
    expect(view.state.status).toBe('cancelled');
    // a finished its run; b, not started when the cancel came, never was.
    expect(app.engine.hosts(rolloutId).map((host) => [host.host, host.run.phase])).toEqual([
      ['a', 'done'],
      ['b', 'skipped'],
    ]);
  });
});
