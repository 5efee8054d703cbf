import type { EventPayload } from '../../../shared/contract';
import type { HostScanState, ScanRun } from '../../../shared/domain/scan';

export type ScanProgressEvent = EventPayload<'scan.progress'>;

/** States a host leaves no more within a run. */
export const isFinished = (state: HostScanState): boolean =>
  state === 'ok' || state === 'failed' || state === 'cancelled';

/**
 * Applies progress events to the runs they belong to, newest event last. Events for a run not in
 * the list are left out: the store reloads the runs when it hears of a run it does not know.
 */
export function applyProgress(runs: readonly ScanRun[], events: readonly ScanProgressEvent[]): ScanRun[] {
  const byRun = new Map<number, ScanProgressEvent[]>();
  for (const event of events) byRun.set(event.runId, [...(byRun.get(event.runId) ?? []), event]);
  return runs.map((run) => {
    const mine = byRun.get(run.id);
    if (!mine) return run;
    const latest = new Map(mine.map((event) => [event.hostId, event]));
    const hosts = run.hosts.map((host) => {
      const event = latest.get(host.hostId);
      return event ? { ...host, state: event.state, error: event.error } : host;
    });
    return { ...run, hosts };
  });
}

export interface RunCounts {
  total: number;
  /** Hosts with an answer: ok, failed or cancelled. */
  done: number;
  ok: number;
  failed: number;
  cancelled: number;
  queued: number;
  /** Connecting or collecting right now. */
  working: number;
}

export function runCounts(run: ScanRun): RunCounts {
  const counts: RunCounts = { total: run.hosts.length, done: 0, ok: 0, failed: 0, cancelled: 0, queued: 0, working: 0 };
  for (const { state } of run.hosts) {
    switch (state) {
      case 'ok':
      case 'failed':
      case 'cancelled':
        counts[state]++;
        counts.done++;
        break;
      case 'queued':
        counts.queued++;
        break;
      case 'connecting':
      case 'collecting':
        counts.working++;
        break;
    }
  }
  return counts;
}

/** Hosts waiting or being scanned in a running run, by id: the fleet table shows these live. */
export function liveStates(runs: readonly ScanRun[] | null): ReadonlyMap<number, HostScanState> {
  const live = new Map<number, HostScanState>();
  for (const run of runs ?? []) {
    if (run.state !== 'running') continue;
    for (const host of run.hosts) if (!isFinished(host.state)) live.set(host.hostId, host.state);
  }
  return live;
}

/** What the progress panel shows: every running run, then the newest finished one if it is newer. */
export function runsToShow(runs: readonly ScanRun[] | null, hidden: ReadonlySet<number>): ScanRun[] {
  // The newest run is picked before closed ones are dropped: closing it must not bring back an older one.
  const newest = runs?.[0];
  const running = (runs ?? []).filter((run) => run.state === 'running' && !hidden.has(run.id));
  return newest && newest.state !== 'running' && !hidden.has(newest.id) ? [...running, newest] : running;
}

const ORDER: Record<HostScanState, number> = {
  failed: 0,
  collecting: 1,
  connecting: 2,
  queued: 3,
  cancelled: 4,
  ok: 5,
};

/** A run's hosts with the ones needing attention first: failures, then work in progress. */
export function hostsByAttention(run: ScanRun): ScanRun['hosts'] {
  return [...run.hosts].sort(
    (a, b) => ORDER[a.state] - ORDER[b.state] || a.name.localeCompare(b.name, undefined, { numeric: true }),
  );
}
