import { useState } from 'react';
import type { ScanRun } from '../../../shared/domain/scan';
import { formatWhen, plural } from '../../ui/format';
import { ProgressBar } from '../../ui/ProgressBar';
import { runCounts } from './scan-model';
import { RUN_STATE_LABELS } from './scan-labels';
import { useScanStore } from './scan-store';
import { ScanRunHosts } from './ScanRunHosts';

/** Runs this small list their hosts open; bigger ones start folded, failures always counted. */
const OPEN_UP_TO = 25;

export function ScanRunCard({ run }: { run: ScanRun }) {
  const cancel = useScanStore((state) => state.cancel);
  const hide = useScanStore((state) => state.hide);
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const counts = runCounts(run);
  const title = `Scan run ${String(run.id)}`;
  const running = run.state === 'running';

  async function stop(): Promise<void> {
    setCancelling(true);
    const reply = await cancel(run.id);
    setCancelling(false);
    setError(reply.ok ? null : reply.error.message);
  }

  const summary = [
    `${String(counts.ok)} ok`,
    `${String(counts.failed)} failed`,
    counts.cancelled > 0 ? `${String(counts.cancelled)} cancelled` : null,
    running ? `${String(counts.working)} in progress` : null,
    running ? `${String(counts.queued)} queued` : null,
  ].filter((part) => part !== null);

  return (
    <article className="panel scan-run" aria-label={title}>
      <div className="scan-run-head">
        <h2>
          {title} · {RUN_STATE_LABELS[run.state]}
        </h2>
        <span className="muted">
          {plural(counts.total, 'host')} · started {formatWhen(run.startedAt)}
          {run.finishedAt ? ` · ended ${formatWhen(run.finishedAt)}` : ''}
        </span>
        <span className="spacer" />
        {running ? (
          <button
            type="button"
            disabled={cancelling}
            onClick={() => {
              void stop();
            }}
          >
            Cancel scan
          </button>
        ) : (
          <button
            type="button"
            onClick={() => {
              hide(run.id);
            }}
          >
            Dismiss
          </button>
        )}
      </div>
      <div className="scan-run-bar">
        <ProgressBar label={title} done={counts.done} total={counts.total} failed={counts.failed + counts.cancelled} />
        <span className="scan-run-count" aria-hidden="true">
          {counts.done}/{counts.total}
        </span>
      </div>
      <p className="scan-run-summary" role="status">
        {counts.done}/{counts.total} done: {summary.join(' · ')}
      </p>
      {error && (
        <p className="form-error" role="alert">
          Could not cancel: {error}
        </p>
      )}
      <details open={counts.total <= OPEN_UP_TO}>
        <summary>Each host’s state</summary>
        <ScanRunHosts run={run} />
      </details>
    </article>
  );
}
