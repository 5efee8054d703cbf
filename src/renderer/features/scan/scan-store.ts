import { create } from 'zustand';
import type { EventPayload } from '../../../shared/contract';
import type { ScanRun } from '../../../shared/domain/scan';
import type { Envelope } from '../../../shared/result';
import { call } from '../../api/client';
import { coalesce } from '../../ui/coalesce';
import { applyProgress, type ScanProgressEvent } from './scan-model';

/** How many recent runs are loaded: enough for the panel, small enough to reload often. */
const RECENT_RUNS = 10;

interface ScanState {
  /** Newest first; null until the first load answers. */
  runs: ScanRun[] | null;
  error: string | null;
  /** Runs the admin closed in the progress panel (this session only). */
  hidden: ReadonlySet<number>;
  load: () => Promise<void>;
  start: (hostIds?: number[]) => Promise<Envelope<{ runId: number }>>;
  cancel: (runId: number) => Promise<Envelope<{ runId: number }>>;
  hide: (runId: number) => void;
  /** Progress events, batched by the caller. */
  receive: (events: readonly ScanProgressEvent[]) => void;
  runChanged: (event: EventPayload<'scan.run'>) => void;
}

/**
 * Scan runs as the main side recorded them, kept current by events. The runs come from
 * `scan.runs`, so a reload (or a window opened mid-run) shows the same progress as before.
 */
export const useScanStore = create<ScanState>()((set, get) => {
  const load = coalesce(async () => {
    const reply = await call('scan.runs', { limit: RECENT_RUNS });
    set(reply.ok ? { runs: reply.value, error: null } : { error: reply.error.message });
  });
  return {
    runs: null,
    error: null,
    hidden: new Set(),
    load,
    async start(hostIds) {
      const reply = await call('fleet.scan', hostIds ? { hostIds } : {});
      if (reply.ok) void load();
      return reply;
    },
    async cancel(runId) {
      const reply = await call('scan.cancel', { runId });
      void load();
      return reply;
    },
    hide(runId) {
      set((state) => ({ hidden: new Set([...state.hidden, runId]) }));
    },
    receive(events) {
      const { runs } = get();
      if (runs === null) return;
      if (events.some((event) => !runs.some((run) => run.id === event.runId))) void load();
      set({ runs: applyProgress(runs, events) });
    },
    runChanged(event) {
      const known = get().runs?.some((run) => run.id === event.runId) ?? false;
      if (known && event.state === 'running') return;
      // A new run (its hosts are needed) or an ending one (its end time is): either way, reload.
      set((state) => ({
        runs: state.runs?.map((run) => (run.id === event.runId ? { ...run, state: event.state } : run)) ?? null,
      }));
      void load();
    },
  };
});
