import type { RolloutStep } from '../../../shared/domain/rollout';
import { formatWhen } from '../../ui/format';
import { STEP_STATE_LABELS, STEP_STATE_TONES, stepDuration } from './rollout-view';

interface HostStepsProps {
  host: string;
  /** Null while they load. */
  steps: RolloutStep[] | null;
  error: string | null;
  onClose: () => void;
}

/** One host's step log: each attempt of each step, why it failed, and the end of what it printed. */
export function HostSteps({ host, steps, error, onClose }: HostStepsProps) {
  const headingId = `steps-of-${host}`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="modal-head">
        <h2 id={headingId}>Step log of {host}</h2>
        <button type="button" className="icon-button" aria-label={`Close the step log of ${host}`} onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          Could not load the steps of {host}: {error}
        </p>
      )}
      {steps === null && !error && <p className="muted">Loading the steps…</p>}
      {steps?.length === 0 && <p className="empty">{host} has not started a step yet.</p>}
      {steps && steps.length > 0 && (
        <ol className="step-log" aria-label={`Steps of ${host}`}>
          {steps.map((step) => (
            <li key={step.id}>
              <p>
                <strong>{step.step}</strong> · attempt {step.attempt} ·{' '}
                <span className={`state state-${STEP_STATE_TONES[step.state]}`}>{STEP_STATE_LABELS[step.state]}</span>{' '}
                <span className="muted">
                  · {formatWhen(step.startedAt)} · {stepDuration(step)}
                </span>
              </p>
              {step.reason && <p className="details">{step.reason}</p>}
              {step.outputExcerpt && <pre>{step.outputExcerpt}</pre>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
