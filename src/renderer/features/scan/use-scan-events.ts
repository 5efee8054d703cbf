import { useEffect } from 'react';
import { subscribe } from '../../api/client';
import { useFleetStore } from '../fleet/fleet-store';
import { isFinished, type ScanProgressEvent } from './scan-model';
import { useScanStore } from './scan-store';

/** Progress is drawn at most this often, however fast a thousand-host run reports. */
const FLUSH_MS = 100;
/** The fleet table's scan columns are reloaded at most this often while hosts finish. */
const SUMMARIES_MS = 1500;

/**
 * Keeps the scan runs and the fleet table's scan columns current for the whole app, whichever
 * page is open. Events are batched: each one would otherwise re-render the fleet table.
 */
export function useScanEvents(): void {
  useEffect(() => {
    const { load, receive, runChanged } = useScanStore.getState();
    const { refreshSummaries } = useFleetStore.getState();
    let pending: ScanProgressEvent[] = [];
    let flushTimer: number | null = null;
    let summariesTimer: number | null = null;

    const summariesSoon = (): void => {
      summariesTimer ??= window.setTimeout(() => {
        summariesTimer = null;
        void refreshSummaries();
      }, SUMMARIES_MS);
    };
    const flush = (): void => {
      flushTimer = null;
      const batch = pending;
      pending = [];
      receive(batch);
      if (batch.some((event) => isFinished(event.state))) summariesSoon();
    };

    void load();
    const stopProgress = subscribe('scan.progress', (event) => {
      pending.push(event);
      flushTimer ??= window.setTimeout(flush, FLUSH_MS);
    });
    const stopRuns = subscribe('scan.run', (event) => {
      if (pending.length > 0) {
        if (flushTimer !== null) window.clearTimeout(flushTimer);
        flush();
      }
      runChanged(event);
      if (event.state !== 'running') void refreshSummaries();
    });
    return () => {
      stopProgress();
      stopRuns();
      if (flushTimer !== null) window.clearTimeout(flushTimer);
      if (summariesTimer !== null) window.clearTimeout(summariesTimer);
    };
  }, []);
}
