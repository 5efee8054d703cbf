import { useScanStore } from './scan-store';
import { runsToShow } from './scan-model';
import { ScanRunCard } from './ScanRunCard';

/** Every running scan, and the last one that finished, each with its own progress bar. */
export function ScanProgress() {
  const runs = useScanStore((state) => state.runs);
  const hidden = useScanStore((state) => state.hidden);
  const error = useScanStore((state) => state.error);
  const shown = runsToShow(runs, hidden);
  return (
    <section className="scan-progress" aria-label="Scan progress">
      {error && (
        <p className="notice notice-error" role="alert">
          Could not load scan progress: {error}
        </p>
      )}
      {shown.map((run) => (
        <ScanRunCard key={run.id} run={run} />
      ))}
    </section>
  );
}
