import { useState } from 'react';
import {
  rolloutStartSchema,
  type HostDryRun,
  type RolloutScope,
  type RolloutStart,
  type RolloutSummary,
} from '../../../shared/domain/rollout';
import { Field } from '../../ui/Field';
import { errorsFromIssues, errorsFromReply, NO_ERRORS, type FormErrors } from '../../ui/form-errors';
import { numberFromInput } from '../../ui/number-input';
import { Select } from '../../ui/Select';
import { call } from '../../api/client';
import { DryRunResults } from './DryRunResults';
import { localInput, withNotBefore } from './not-before';
import { useRolloutStore } from './rollout-store';
import { isOpen, STATUS_LABELS } from './rollout-view';

type Versions = RolloutStart['versions'];
const VERSIONS: readonly Versions[] = ['fixed', 'latest'];
const VERSION_LABELS: Readonly<Record<Versions, string>> = {
  fixed: 'fixed versions',
  latest: 'newest in the mirror',
};
const FIELDS = ['versions', 'failureThreshold', 'notBefore'] as const;

/**
 * Starts running the plan above, for the fixes it was made for. One rollout at a time: while one
 * is open the form says which and stays disabled (the engine would refuse a second).
 */
export function StartRolloutForm({ open, scope }: { open: RolloutSummary | null; scope: RolloutScope }) {
  const start = useRolloutStore((state) => state.start);
  const setScope = useRolloutStore((state) => state.setScope);
  const [versions, setVersions] = useState<Versions>('fixed');
  const [threshold, setThreshold] = useState('0');
  const [errors, setErrors] = useState<FormErrors<(typeof FIELDS)[number]>>(NO_ERRORS);
  const [busy, setBusy] = useState<'starting' | 'asking' | null>(null);
  const [dryRun, setDryRun] = useState<HostDryRun[] | null>(null);
  // Which button the form-level error answers.
  const [tried, setTried] = useState<'start' | 'dry run'>('start');
  const blocked = open !== null && isOpen(open);

  /** The request as the fields stand, or null with the fields' errors shown. */
  function request(): RolloutStart | null {
    const parsed = rolloutStartSchema.safeParse({ ...scope, versions, failureThreshold: numberFromInput(threshold) });
    if (parsed.success) return parsed.data;
    setErrors(errorsFromIssues(parsed.error.issues, FIELDS));
    return null;
  }

  async function submit(): Promise<void> {
    const input = request();
    if (!input) return;
    setTried('start');
    setBusy('starting');
    const reply = await start(input);
    setBusy(null);
    // Started: what the hosts said before is history now (the rollout's own steps say what happened).
    if (reply.ok) setDryRun(null);
    setErrors(reply.ok ? NO_ERRORS : errorsFromReply(reply.error, FIELDS));
  }

  /** Asks every planned host what it would change (apt-get -s, dnf --assumeno); changes nothing. */
  async function askHosts(): Promise<void> {
    const input = request();
    if (!input) return;
    setTried('dry run');
    setBusy('asking');
    setDryRun(null);
    const reply = await call('rollout.dryRun', input);
    setBusy(null);
    setErrors(reply.ok ? NO_ERRORS : errorsFromReply(reply.error, FIELDS));
    if (reply.ok) setDryRun(reply.value);
  }

  return (
    <form
      className="panel"
      aria-labelledby="start-rollout-heading"
      // The schema gives better messages than the browser's own checks.
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id="start-rollout-heading">Start rollout</h2>
      <div className="form-grid">
        <Field
          id="rollout-versions"
          label="Versions"
          hint="Fixed: exactly the version each advisory names; newest: may be newer, not yet proven here"
          error={errors.fields.versions}
        >
          {(control) => (
            <Select
              control={control}
              value={versions}
              options={VERSIONS}
              labels={VERSION_LABELS}
              onChange={setVersions}
            />
          )}
        </Field>
        <Field
          id="rollout-threshold"
          label="Failure threshold (hosts per batch)"
          hint="Failed or rolled-back hosts a batch may have; one more halts the rollout. A canary allows none"
          error={errors.fields.failureThreshold}
        >
          {(control) => (
            <input
              {...control}
              type="number"
              min={0}
              max={1000}
              value={threshold}
              onChange={(event) => {
                setThreshold(event.target.value);
              }}
            />
          )}
        </Field>
        <Field
          id="rollout-not-before"
          label="Not before (this computer's time)"
          hint="Leave empty to start now; the plan above moves with it, and each batch still keeps to its window"
          error={errors.fields.notBefore}
        >
          {(control) => (
            <input
              {...control}
              type="datetime-local"
              value={localInput(scope.notBefore)}
              onChange={(event) => {
                setScope(withNotBefore(scope, event.target.value));
              }}
            />
          )}
        </Field>
      </div>
      {errors.form && (
        <p className="form-error" role="alert">
          {tried === 'start' ? 'Could not start the rollout' : 'Could not run the dry run'}: {errors.form}
        </p>
      )}
      {blocked && (
        <p className="muted">
          Rollout {open.id} is {STATUS_LABELS[open.status]} and not finished: one rollout runs at a time.
        </p>
      )}
      <div className="form-actions">
        <button
          type="button"
          disabled={busy !== null}
          onClick={() => {
            void askHosts();
          }}
        >
          {busy === 'asking' ? 'Asking the hosts…' : 'Dry run'}
        </button>
        <button type="submit" className="primary" disabled={blocked || busy !== null}>
          Start
        </button>
      </div>
      {dryRun && <DryRunResults results={dryRun} />}
    </form>
  );
}
