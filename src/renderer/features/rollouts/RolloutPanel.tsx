import type { RolloutView } from '../../../shared/domain/rollout';
import { formatWhen } from '../../ui/format';
import { ProgressBar } from '../../ui/ProgressBar';
import { HostSteps } from './HostSteps';
import { RolloutControls } from './RolloutControls';
import { RolloutHosts } from './RolloutHosts';
import { useRolloutStore } from './rollout-store';
import { countsText, isOpen, progressOf, STATUS_LABELS, STATUS_TONES, takesCommands } from './rollout-view';

/** The rollout on screen: where it is and why, what the admin may do, every host and one host's steps. */
export function RolloutPanel({ rollout }: { rollout: RolloutView }) {
  const selected = useRolloutStore((state) => state.selected);
  const steps = useRolloutStore((state) => state.steps);
  const stepsError = useRolloutStore((state) => state.stepsError);
  const select = useRolloutStore((state) => state.select);
  const title = `Rollout ${String(rollout.id)}`;
  const progress = progressOf(rollout.counts);
  const open = isOpen(rollout);
  const selectedHost = selected?.rolloutId === rollout.id ? selected.host : null;
  // Halted or cancelled, the engine still lets hosts that had started finish their run.
  const finishing = open && (rollout.status === 'halted' || rollout.status === 'cancelled');

  return (
    <>
      <section className="panel rollout" aria-labelledby="rollout-heading">
        <div className="scan-run-head">
          <h2 id="rollout-heading">{title}</h2>
          <span className="muted">
            started {formatWhen(rollout.createdAt)} by {rollout.createdBy}
            {rollout.finishedAt ? ` · ended ${formatWhen(rollout.finishedAt)}` : ''}
          </span>
        </div>
        <p role="status">
          <span className={`state state-${STATUS_TONES[rollout.status]}`}>{STATUS_LABELS[rollout.status]}</span>
          {rollout.reason && `: ${rollout.reason}`}
          {finishing && ' (hosts already started are finishing their run)'}
          {rollout.waitingUntil &&
            `: the next batch starts ${formatWhen(rollout.waitingUntil)} (its window, or the time set)`}
        </p>
        <div className="scan-run-bar">
          <ProgressBar label={title} done={progress.done} total={progress.total} failed={progress.failed} />
          <span className="scan-run-count" aria-hidden="true">
            {progress.done}/{progress.total}
          </span>
        </div>
        <p className="scan-run-summary">
          {countsText(rollout.counts)} · failure threshold {rollout.failureThreshold} per batch
        </p>
        {takesCommands(rollout) && <RolloutControls rollout={rollout} />}
        <RolloutHosts rollout={rollout} selected={selectedHost} onSelect={select} />
      </section>
      {selectedHost !== null && (
        <HostSteps
          host={selectedHost}
          steps={steps}
          error={stepsError}
          onClose={() => {
            select(null);
          }}
        />
      )}
    </>
  );
}
