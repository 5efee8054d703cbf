import { describe, expect, it } from 'vitest';
import {
  applyProgress,
  hostsByAttention,
  isFinished,
  liveStates,
  runCounts,
  runsToShow,
  type RunCounts,
  type ScanProgressEvent,
} from '../../src/renderer/features/scan/scan-model';
import {
  HOST_SCAN_STATES,
  SCAN_RUN_STATES,
  type HostScanState,
  type ScanRun,
  type ScanRunState,
} from '../../src/shared/domain/scan';

type RunHost = ScanRun['hosts'][number];

const TIMEOUT = { code: 'timeout', message: 'db1 did not answer in 30 s' } as const;

/** A run's host; its name follows its id unless the test names it. */
function runHost(hostId: number, state: HostScanState, name = `host${String(hostId)}`): RunHost {
  return { hostId, name, state, error: state === 'failed' ? TIMEOUT : null };
}

function run(id: number, state: ScanRunState, hosts: RunHost[] = []): ScanRun {
  return {
    id,
    trigger: 'manual',
    state,
    startedAt: `2026-11-26T10:0${String(id)}:00.000Z`,
    finishedAt: state === 'running' ? null : `2026-11-26T10:0${String(id)}:30.000Z`,
    hosts,
  };
}

function progress(runId: number, hostId: number, state: HostScanState): ScanProgressEvent {
  return {
    runId,
    hostId,
    name: `host${String(hostId)}`,
    state,
    error: state === 'failed' ? { code: 'auth_failed', message: 'key refused' } : null,
  };
}

const states = (scan: ScanRun | undefined): HostScanState[] => scan?.hosts.map((host) => host.state) ?? [];
const ids = (runs: readonly ScanRun[]): number[] => runs.map((scan) => scan.id);

describe('isFinished: states a host leaves no more within a run', () => {
  const cases: [HostScanState, boolean][] = [
    ['queued', false],
    ['connecting', false],
    ['collecting', false],
    ['ok', true],
    ['failed', true],
    ['cancelled', true],
  ];
  it('covers every host scan state', () => {
    expect(cases.map(([state]) => state)).toEqual([...HOST_SCAN_STATES]);
  });
  it.each(cases)('%s → %s', (state, finished) => {
    expect(isFinished(state)).toBe(finished);
  });
});

describe('applyProgress', () => {
  const runs = [run(2, 'running', [runHost(1, 'queued'), runHost(2, 'queued')]), run(1, 'done', [runHost(1, 'ok')])];

  it('no events leave the runs as they are', () => {
    expect(applyProgress(runs, [])).toEqual(runs);
  });

  it('no runs stay no runs, whatever events arrive', () => {
    expect(applyProgress([], [progress(2, 1, 'collecting')])).toEqual([]);
  });

  it("sets a host's state and error from its event, leaving the other hosts and runs alone", () => {
    const [running, done] = applyProgress(runs, [progress(2, 2, 'failed')]);
    expect(running?.hosts).toEqual([
      runHost(1, 'queued'),
      { hostId: 2, name: 'host2', state: 'failed', error: { code: 'auth_failed', message: 'key refused' } },
    ]);
    expect(done).toEqual(runs[1]);
  });

  it("the newest event (last in the batch) decides a host's state", () => {
    const events = [progress(2, 1, 'connecting'), progress(2, 1, 'collecting'), progress(2, 1, 'ok')];
    expect(states(applyProgress(runs, events)[0])).toEqual(['ok', 'queued']);
  });

  it('an event clears an error the host had before', () => {
    const failed = [run(3, 'running', [runHost(1, 'failed')])];
    expect(applyProgress(failed, [progress(3, 1, 'queued')])[0]?.hosts[0]).toEqual(runHost(1, 'queued'));
  });

  it('each event goes to its own run, even when the same host is in both', () => {
    const both = [run(3, 'running', [runHost(1, 'queued')]), run(2, 'running', [runHost(1, 'collecting')])];
    const updated = applyProgress(both, [progress(2, 1, 'ok'), progress(3, 1, 'connecting')]);
    expect(updated.map(states)).toEqual([['connecting'], ['ok']]);
  });

  it('leaves out events for a run it does not know (the store reloads for those)', () => {
    const updated = applyProgress(runs, [progress(9, 1, 'failed'), progress(2, 1, 'collecting')]);
    expect(ids(updated)).toEqual([2, 1]);
    expect(updated.map(states)).toEqual([['collecting', 'queued'], ['ok']]);
  });

  it('does not add a host that the run does not list', () => {
    expect(states(applyProgress(runs, [progress(2, 7, 'collecting')])[0])).toEqual(['queued', 'queued']);
  });

  it('does not change the runs it was given', () => {
    const before = structuredClone(runs);
    applyProgress(runs, [progress(2, 1, 'failed'), progress(1, 1, 'cancelled')]);
    expect(runs).toEqual(before);
  });
});

describe('runCounts', () => {
  const zero: RunCounts = { total: 0, done: 0, ok: 0, failed: 0, cancelled: 0, queued: 0, working: 0 };

  it.each<[string, HostScanState[], Partial<RunCounts>]>([
    ['a run without hosts', [], {}],
    ['everything queued', ['queued', 'queued', 'queued'], { total: 3, queued: 3 }],
    ['connecting and collecting are both working', ['connecting', 'collecting'], { total: 2, working: 2 }],
    [
      'ok, failed and cancelled are all done',
      ['ok', 'failed', 'cancelled'],
      { total: 3, done: 3, ok: 1, failed: 1, cancelled: 1 },
    ],
    [
      'a run half way',
      ['ok', 'ok', 'failed', 'collecting', 'connecting', 'queued', 'queued'],
      { total: 7, done: 3, ok: 2, failed: 1, working: 2, queued: 2 },
    ],
  ])('%s', (_case, hostStates, expected) => {
    const scan = run(
      1,
      'running',
      hostStates.map((state, index) => runHost(index + 1, state)),
    );
    expect(runCounts(scan)).toEqual({ ...zero, ...expected });
  });

  it('done, queued and working add up to the total', () => {
    const scan = run(
      1,
      'running',
      HOST_SCAN_STATES.map((state, index) => runHost(index + 1, state)),
    );
    const counts = runCounts(scan);
    expect(counts.done + counts.queued + counts.working).toBe(counts.total);
    expect(counts.ok + counts.failed + counts.cancelled).toBe(counts.done);
  });
});

describe('liveStates: hosts the fleet table shows as being scanned', () => {
  it('knows nothing before the runs are loaded, or when there are none', () => {
    expect(liveStates(null).size).toBe(0);
    expect(liveStates([]).size).toBe(0);
  });

  it('lists the waiting and working hosts of a running run, not the finished ones', () => {
    const scan = run(
      1,
      'running',
      HOST_SCAN_STATES.map((state, index) => runHost(index + 1, state)),
    );
    expect(new Map(liveStates([scan]))).toEqual(
      new Map<number, HostScanState>([
        [1, 'queued'],
        [2, 'connecting'],
        [3, 'collecting'],
      ]),
    );
  });

  it.each(SCAN_RUN_STATES.filter((state) => state !== 'running'))(
    'ignores a %s run even if it left hosts queued',
    (state) => {
      expect(liveStates([run(1, state, [runHost(1, 'queued'), runHost(2, 'collecting')])]).size).toBe(0);
    },
  );

  it('joins the hosts of every running run', () => {
    const runs = [
      run(3, 'running', [runHost(1, 'queued'), runHost(2, 'ok')]),
      run(2, 'interrupted', [runHost(3, 'queued')]),
      run(1, 'running', [runHost(4, 'collecting')]),
    ];
    expect(new Map(liveStates(runs))).toEqual(
      new Map<number, HostScanState>([
        [1, 'queued'],
        [4, 'collecting'],
      ]),
    );
  });
});

describe('runsToShow: what the progress panel shows (runs come newest first)', () => {
  const none = new Set<number>();

  it.each<[string, ScanRun[] | null, ReadonlySet<number>, number[]]>([
    ['nothing before the runs are loaded', null, none, []],
    ['nothing when no scan ever ran', [], none, []],
    ['the newest run when it has finished', [run(2, 'done'), run(1, 'done')], none, [2]],
    ['a cancelled or interrupted newest run too', [run(2, 'interrupted'), run(1, 'done')], none, [2]],
    ['a running run', [run(1, 'running')], none, [1]],
    ['every running run, newest first', [run(3, 'running'), run(2, 'done'), run(1, 'running')], none, [3, 1]],
    [
      'running runs, then the finished one that is newer than them',
      [run(3, 'done'), run(2, 'running'), run(1, 'running')],
      none,
      [2, 1, 3],
    ],
    ['no finished run older than a running one', [run(2, 'running'), run(1, 'done')], none, [2]],
    ['not a running run the admin closed', [run(3, 'running'), run(2, 'running')], new Set([3]), [2]],
    ['not a finished run the admin closed', [run(2, 'done'), run(1, 'running')], new Set([2]), [1]],
    ['nothing when the only run was closed', [run(1, 'done')], new Set([1]), []],
    ['closed ids of runs no longer loaded change nothing', [run(2, 'done')], new Set([7]), [2]],
  ])('%s', (_case, runs, hidden, expected) => {
    expect(ids(runsToShow(runs, hidden))).toEqual(expected);
  });
});

describe("hostsByAttention: a run's hosts, those needing attention first", () => {
  it('orders failures, then work in progress, then waiting, then cancelled, then ok', () => {
    const scan = run(1, 'running', [
      runHost(1, 'ok', 'a'),
      runHost(2, 'cancelled', 'b'),
      runHost(3, 'queued', 'c'),
      runHost(4, 'connecting', 'd'),
      runHost(5, 'collecting', 'e'),
      runHost(6, 'failed', 'f'),
    ]);
    expect(states({ ...scan, hosts: hostsByAttention(scan) })).toEqual([
      'failed',
      'collecting',
      'connecting',
      'queued',
      'cancelled',
      'ok',
    ]);
  });

  it('orders hosts in the same state by name, numbers in order', () => {
    const scan = run(1, 'running', [
      runHost(1, 'ok', 'web10'),
      runHost(2, 'failed', 'web2'),
      runHost(3, 'ok', 'web2'),
      runHost(4, 'failed', 'db1'),
      runHost(5, 'ok', 'app1'),
    ]);
    expect(hostsByAttention(scan).map((host) => host.hostId)).toEqual([4, 2, 5, 3, 1]);
  });

  it('a run without hosts has none to show', () => {
    expect(hostsByAttention(run(1, 'done'))).toEqual([]);
  });

  it("does not reorder the run's own list", () => {
    const scan = run(1, 'running', [runHost(1, 'ok', 'b'), runHost(2, 'failed', 'a')]);
    hostsByAttention(scan);
    expect(scan.hosts.map((host) => host.hostId)).toEqual([1, 2]);
  });
});

describe('closing run cards (regressions)', () => {
  it('does not bring back an older run when the newest finished one is closed', () => {
    expect(runsToShow([run(3, 'done'), run(2, 'done'), run(1, 'done')], new Set([3]))).toEqual([]);
  });
});
