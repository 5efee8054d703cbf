import { useEffect, useState } from 'react';
import { RINGS } from '../../../shared/domain/host';
import type { RolloutPolicy, WeeklyWindow } from '../../../shared/domain/plan';
import { call } from '../../api/client';
import { Field } from '../../ui/Field';
import { ApprovalRulesFields } from './ApprovalRulesFields';
import { ICalendarImport } from './ICalendarImport';
import {
  checkPolicy,
  DAY_NAMES,
  knownTimeZones,
  NEW_WINDOW,
  ringsOf,
  toggled,
  withNewWindows,
} from './policy-form-model';

/** The rollout policy: which rings, which wait for approval, how many at once, when. */
export function RolloutPolicyForm() {
  const [policy, setPolicy] = useState<RolloutPolicy | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    void call('policy.get', {}).then((reply) => {
      if (reply.ok) setPolicy(reply.value);
      else setMessage({ error: true, text: reply.error.message });
    });
  }, []);
  if (!policy) return message ? <p className="form-error">{message.text}</p> : null;

  const change = (next: Partial<RolloutPolicy>): void => {
    setPolicy({ ...policy, ...next });
    setMessage(null);
  };
  const changeWindow = (at: number, next: Partial<WeeklyWindow>): void => {
    change({ windows: policy.windows.map((window, i) => (i === at ? { ...window, ...next } : window)) });
  };
  const rings = new Set(policy.rings);
  const approval = new Set(policy.approvalRings);
  const number = (field: 'maxConcurrent' | 'batchMinutes', label: string, hint: string) => (
    <Field id={`policy-${field}`} label={label} hint={hint}>
      {(control) => (
        <input
          {...control}
          type="number"
          min={1}
          value={policy[field]}
          onChange={(event) => {
            change({ [field]: Math.floor(Number(event.target.value)) });
          }}
        />
      )}
    </Field>
  );

  return (
    <form
      className="panel"
      aria-label="Rollout policy"
      // The schema gives better messages than the browser's own checks.
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const checked = checkPolicy(policy);
        if (!checked.ok) {
          setMessage({ error: true, text: checked.error.message });
          return;
        }
        setSaving(true);
        void call('policy.set', checked.value).then((reply) => {
          setSaving(false);
          if (reply.ok) setPolicy(reply.value);
          setMessage(
            reply.ok ? { error: false, text: 'Rollout policy saved' } : { error: true, text: reply.error.message },
          );
        });
      }}
    >
      <h2>Rollouts</h2>
      <fieldset className="controls">
        <legend>Rings, in order (hosts are in a ring by their Ring field)</legend>
        {RINGS.map((ring) => (
          <span key={ring} className="checkbox-line">
            <label>
              <input
                type="checkbox"
                checked={rings.has(ring)}
                onChange={(event) => {
                  change({ rings: ringsOf(toggled(rings, ring, event.target.checked)) });
                }}
              />
              {ring}
            </label>
            <label>
              <input
                type="checkbox"
                aria-label={`The ${ring} ring waits for approval`}
                checked={approval.has(ring)}
                onChange={(event) => {
                  change({ approvalRings: ringsOf(toggled(approval, ring, event.target.checked)) });
                }}
              />
              waits for approval
            </label>
          </span>
        ))}
      </fieldset>
      <ApprovalRulesFields
        rules={policy.approvalRules}
        onChange={(approvalRules) => {
          change({ approvalRules });
        }}
      />
      <div className="form-grid">
        {number('maxConcurrent', 'Hosts at once, at most', 'Budgets can allow fewer')}
        {number('batchMinutes', 'Minutes a batch takes', 'Patch, restart or reboot, and verify')}
        <Field id="policy-timeZone" label="Time zone of the windows" hint="An IANA name, e.g. Europe/Berlin">
          {(control) => (
            <>
              <input
                {...control}
                list="policy-time-zones"
                value={policy.timeZone}
                onChange={(event) => {
                  change({ timeZone: event.target.value });
                }}
              />
              <datalist id="policy-time-zones">
                {knownTimeZones().map((zone) => (
                  <option key={zone} value={zone} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field id="policy-canary" label="Canary first" hint="A ring's first batch is a single host">
          {(control) => (
            <input
              {...control}
              type="checkbox"
              checked={policy.canary}
              onChange={(event) => {
                change({ canary: event.target.checked });
              }}
            />
          )}
        </Field>
      </div>
      <fieldset className="controls">
        <legend>Maintenance windows (none: any time)</legend>
        {policy.windows.map((window, at) => (
          <div key={at} className="inline-form" role="group" aria-label={`Window ${String(at + 1)}`}>
            {DAY_NAMES.map((day, number) => (
              <label key={day}>
                <input
                  type="checkbox"
                  checked={window.days.includes(number)}
                  onChange={(event) => {
                    const days = [...toggled(new Set(window.days), number, event.target.checked)].sort();
                    changeWindow(at, { days });
                  }}
                />
                {day}
              </label>
            ))}
            <label>
              from{' '}
              <input
                type="time"
                value={window.start}
                onChange={(event) => {
                  changeWindow(at, { start: event.target.value });
                }}
              />
            </label>
            <label>
              to{' '}
              <input
                type="time"
                value={window.end}
                onChange={(event) => {
                  changeWindow(at, { end: event.target.value });
                }}
              />
            </label>
            <button
              type="button"
              onClick={() => {
                change({ windows: policy.windows.filter((_, i) => i !== at) });
              }}
            >
              Remove window
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => {
            change({ windows: [...policy.windows, NEW_WINDOW] });
          }}
        >
          Add window
        </button>
        <ICalendarImport
          timeZone={policy.timeZone}
          onWindows={(windows) => {
            change({ windows: withNewWindows(policy.windows, windows) });
          }}
        />
      </fieldset>
      {message && (
        <p className={message.error ? 'form-error' : 'muted'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          Save rollout policy
        </button>
      </div>
    </form>
  );
}
