import { afterEach, describe, expect, it, vi } from 'vitest';
import { paced } from '../../src/renderer/features/rollouts/paced';
import {
  actionsFor,
  batchGroups,
  CURSOR_NOTES,
  countsText,
  hostStateText,
  isOpen,
  PHASE_LABELS,
  progressOf,
  ringName,
  stepDuration,
  takesCommands,
  workText,
  type RolloutActions,
} from '../../src/renderer/features/rollouts/rollout-view';
import type { Plan, PlanBatch } from '../../src/shared/domain/plan';
import {
  ROLLOUT_HOST_PHASES,
  ROLLOUT_STATUS_NAMES,
  type RolloutHost,
  type RolloutSummary,
  type RolloutView,
} from '../../src/shared/domain/rollout';

type Status = RolloutSummary['status'];
type Counts = RolloutSummary['counts'];

function batch(hosts: string[], canary = false): PlanBatch {
  return {
    hosts,
    services: [],
    layer: 0,
    window: { start: '2026-11-28T02:00:00.000Z', end: '2026-11-28T02:30:00.000Z' },
    switchovers: [],
    canary,
  };
}

/** Ring test (no gate): a canary then two hosts; ring critical (gated): one batch. */
const PLAN: Plan = {
  rings: [
    { name: 'test', approval: false, approvedBy: null, batches: [batch(['t2'], true), batch(['t3', 't1'])] },
    { name: 'critical', approval: true, approvedBy: null, batches: [batch(['db1'])] },
  ],
  unplaced: [],
  warnings: [],
};

function host(name: string, ring: number, at: number, changes: Partial<RolloutHost> = {}): RolloutHost {
  return {
    host: name,
    ring,
    batch: at,
    phase: 'pending',
    step: null,
    path: null,
    drained: false,
    reason: null,
    work: [],
    before: null,
    updatedAt: '2026-11-28T02:00:00.000Z',
    ...changes,
  };
}

const counts = (some: Partial<Counts> = {}): Counts => ({
  pending: 0,
  active: 0,
  done: 0,
  'rolled-back': 0,
  failed: 0,
  skipped: 0,
  ...some,
});

function rollout(status: Status, changes: Partial<RolloutView> = {}): RolloutView {
  return {
    id: 7,
    status,
    reason: null,
    cursor: { ring: 0, batch: 0 },
    graphVersion: 0,
    failureThreshold: 0,
    createdBy: 'admin',
    createdAt: '2026-11-28T02:00:00.000Z',
    updatedAt: '2026-11-28T02:00:00.000Z',
    finishedAt: null,
    counts: counts(),
    plan: PLAN,
    hosts: [],
    approved: [],
    waitingUntil: null,
    ...changes,
  };
}

describe('actionsFor: the commands the engine accepts in each status', () => {
  const none: RolloutActions = { approve: null, pause: false, resume: false, cancel: false, rollBack: false };
  const cases: [Status, RolloutActions][] = [
    ['awaiting-approval', { ...none, approve: 'critical', cancel: true }],
    ['running', { ...none, pause: true, cancel: true }],
    ['paused', { ...none, resume: true, cancel: true, rollBack: true }],
    ['halted', none],
    ['cancelled', none],
    ['done', none],
  ];
  it('covers every status', () => {
    expect(cases.map(([status]) => status)).toEqual([...ROLLOUT_STATUS_NAMES]);
  });
  it.each(cases)('%s', (status, expected) => {
    // The ring to approve is the one the cursor is at.
    const view = rollout(status, {
      cursor: status === 'awaiting-approval' ? { ring: 1, batch: 0 } : { ring: 0, batch: 0 },
    });
    expect(actionsFor(view)).toEqual(expected);
    expect(takesCommands(view)).toBe(Object.values(expected).some((can) => can !== null && can !== false));
  });
  it('approves nothing when the cursor names no ring of the plan', () => {
    expect(actionsFor(rollout('awaiting-approval', { cursor: { ring: 5, batch: 0 } })).approve).toBeNull();
  });
});

describe('isOpen: a rollout is open until the engine wrote it finished', () => {
  it.each<[string | null, boolean]>([
    [null, true],
    ['2026-11-28T03:00:00.000Z', false],
  ])('finishedAt %s → %s', (finishedAt, open) => {
    expect(isOpen({ finishedAt })).toBe(open);
  });
});

describe('hostStateText', () => {
  it.each<[Partial<RolloutHost>, string]>([
    [{ phase: 'pending' }, 'pending'],
    [{ phase: 'active', step: 'precheck', path: 'forward' }, 'active: precheck'],
    [{ phase: 'active', step: 'patch', path: 'forward' }, 'active: patch'],
    [{ phase: 'active', step: 'rollback', path: 'rollback' }, 'active: rollback (rolling back)'],
    [{ phase: 'active', step: 'undrain', path: 'abort' }, 'active: undrain (backing out)'],
    [{ phase: 'done' }, 'done'],
    [{ phase: 'rolled-back' }, 'rolled back'],
    [{ phase: 'failed' }, 'failed'],
    [{ phase: 'skipped' }, 'skipped'],
  ])('%o → %s', (changes, text) => {
    expect(hostStateText(host('h', 0, 0, changes))).toBe(text);
  });
  it('has a label for every phase', () => {
    expect(Object.keys(PHASE_LABELS)).toEqual([...ROLLOUT_HOST_PHASES]);
  });
});

describe('workText', () => {
  it('names each package with the version it goes to, or newest when the mirror decides', () => {
    const work = [
      { name: 'libssl3', version: '3.0.13-1' },
      { name: 'curl', version: null },
    ];
    expect(workText(host('h', 0, 0, { work }))).toBe('libssl3 3.0.13-1, curl newest');
  });
  it('adds the version recorded before patching', () => {
    const work = [{ name: 'curl', version: '8.5.0-2' }];
    expect(workText(host('h', 0, 0, { work, before: { curl: '8.5.0-1' } }))).toBe('curl 8.5.0-2 (was 8.5.0-1)');
  });
  it('is empty for a host with nothing to install', () => {
    expect(workText(host('h', 0, 0))).toBe('');
  });
});

describe('countsText and progressOf', () => {
  it.each<[Partial<Counts>, string]>([
    [{}, '0 hosts'],
    [{ pending: 1 }, '1 host: 1 pending'],
    [{ failed: 1, skipped: 1 }, '2 hosts: 1 failed, 1 skipped'],
    [{ pending: 3, active: 2, done: 4, 'rolled-back': 1 }, '10 hosts: 3 pending, 2 active, 4 done, 1 rolled back'],
  ])('%o → %s', (some, text) => {
    expect(countsText(counts(some))).toBe(text);
  });
  it('counts ended hosts as done, and failed, rolled-back or skipped ones as not done well', () => {
    expect(progressOf(counts({ pending: 3, active: 2, done: 4, 'rolled-back': 1, failed: 1, skipped: 2 }))).toEqual({
      done: 8,
      failed: 4,
      total: 13,
    });
  });
});

describe('batchGroups: hosts by ring and batch, in the order they run', () => {
  const hosts = [
    host('db1', 1, 0),
    host('t1', 0, 1),
    host('t3', 0, 1, { phase: 'active', step: 'patch', path: 'forward' }),
    host('t2', 0, 0, { phase: 'done' }),
  ];
  const groups = (changes: Partial<RolloutView> = {}) => batchGroups(rollout('running', { hosts, ...changes }));

  it('orders rings and batches as the plan runs them, and a batch’s hosts as the plan lists them', () => {
    expect(groups().map((group) => [group.label, group.hosts.map((h) => h.host)])).toEqual([
      ['Ring test, batch 1 (canary)', ['t2']],
      ['Ring test, batch 2', ['t3', 't1']],
      ['Ring critical, batch 1, waits for approval', ['db1']],
    ]);
  });
  it('says a gated ring was approved once it was', () => {
    expect(groups({ approved: [1] }).at(-1)?.label).toBe('Ring critical, batch 1, approved');
  });
  it('marks the batch the cursor is at', () => {
    expect(groups({ cursor: { ring: 0, batch: 1 } }).map((group) => group.current)).toEqual([false, true, false]);
  });
  it('says what the rollout does at the batch it is at, in every status but done', () => {
    expect(Object.keys(CURSOR_NOTES)).toEqual([...ROLLOUT_STATUS_NAMES]);
    expect(ROLLOUT_STATUS_NAMES.filter((status) => CURSOR_NOTES[status] === '')).toEqual(['done']);
  });
  it('marks none when the rollout is past its last ring', () => {
    expect(groups({ cursor: { ring: 2, batch: 0 } }).some((group) => group.current)).toBe(false);
  });
  it('names a ring the plan does not have by its position', () => {
    expect(ringName(PLAN, 4)).toBe('#5');
    expect(batchGroups(rollout('running', { hosts: [host('x', 4, 0)] }))[0]?.label).toBe('Ring #5, batch 1');
  });
  it('has no groups for no hosts', () => {
    expect(batchGroups(rollout('running'))).toEqual([]);
  });
});

describe('stepDuration', () => {
  const at = (seconds: number): string => new Date(Date.UTC(2026, 10, 28, 2, 0, 0) + seconds * 1000).toISOString();
  it.each<[number | null, string]>([
    [null, 'running'],
    [0.4, '0.4 s'],
    [42, '42 s'],
    [185, '3 min 5 s'],
  ])('%s s → %s', (seconds, text) => {
    expect(stepDuration({ startedAt: at(0), finishedAt: seconds === null ? null : at(seconds) })).toBe(text);
  });
});

describe('paced: coalesced loads, at least a gap apart', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('loads at once, then once more for a burst, a gap later', async () => {
    vi.useFakeTimers();
    let loads = 0;
    const refresh = paced(() => {
      loads++;
      return Promise.resolve();
    }, 250);
    const calls = Array.from({ length: 50 }, () => refresh());
    await vi.advanceTimersByTimeAsync(0);
    expect(loads).toBe(1);
    await vi.advanceTimersByTimeAsync(249);
    expect(loads).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(loads).toBe(2);
    await vi.advanceTimersByTimeAsync(250);
    await Promise.all(calls);
    expect(loads).toBe(2);
  });

  it('starts loads a gap apart under a steady stream of calls: four a second', async () => {
    vi.useFakeTimers();
    const begin = Date.now();
    const starts: number[] = [];
    const refresh = paced(() => {
      starts.push(Date.now() - begin);
      return Promise.resolve();
    }, 250);
    for (let ms = 0; ms < 1000; ms += 10) {
      void refresh();
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(starts).toEqual([0, 250, 500, 750, 1000]);
  });
});
