import { useId } from 'react';
import type { Drain } from '../../../shared/domain/graph';
import { Field } from '../../ui/Field';
import { DRAIN_KIND_LABELS, DRAIN_KINDS, drainErrors, drainFor, drainKindOf, type DrainField } from './service-fields';

interface DrainFieldsProps {
  drain: Drain | null;
  /** Fleet hosts by name: the load balancer is one of them. */
  hosts: readonly string[];
  onChange: (drain: Drain | null) => void;
}

/** How traffic is taken off a member before it is patched: not at all, by HAProxy, or by two URLs. */
export function DrainFields({ drain, hosts, onChange }: DrainFieldsProps) {
  const group = useId();
  const errors = drainErrors(drain);
  const text = (field: DrainField, label: string, value: string, set: (value: string) => Drain, hint?: string) => (
    <Field id={`service-drain-${field}`} label={label} error={errors[field]} hint={hint}>
      {(control) => (
        <input
          {...control}
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(event) => {
            onChange(set(event.target.value));
          }}
        />
      )}
    </Field>
  );
  // A saved load balancer that has since left the fleet stays choosable, so the select shows it.
  const via = drain?.kind === 'haproxy' ? drain.via : '';
  const choices = via === '' || hosts.includes(via) ? hosts : [via, ...hosts];
  return (
    <fieldset className="graph-fieldset">
      <legend>Drain</legend>
      <div className="radio-line">
        {DRAIN_KINDS.map((kind) => (
          <label key={kind}>
            <input
              type="radio"
              name={group}
              value={kind}
              checked={drainKindOf(drain) === kind}
              onChange={() => {
                onChange(drainFor(kind, drain));
              }}
            />
            {DRAIN_KIND_LABELS[kind]}
          </label>
        ))}
      </div>
      {drain === null && <p className="field-hint">Members are patched while they still take traffic.</p>}
      {drain?.kind === 'haproxy' && (
        <>
          <Field
            id="service-drain-via"
            label="Load balancer"
            error={errors.via}
            hint="Its HAProxy admin socket is used over SSH, as root"
          >
            {(control) => (
              <select
                {...control}
                value={drain.via}
                onChange={(event) => {
                  onChange({ ...drain, via: event.target.value });
                }}
              >
                <option value="">Choose a host…</option>
                {choices.map((name) => (
                  <option key={name} value={name}>
                    {hosts.includes(name) ? name : `${name} (not in the fleet)`}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text('socket', 'Admin socket', drain.socket, (socket) => ({ ...drain, socket }))}
          {text(
            'backend',
            'Backend',
            drain.backend,
            (backend) => ({ ...drain, backend }),
            'Each member is a server of this name in it',
          )}
        </>
      )}
      {drain?.kind === 'http' && (
        <>
          {text(
            'drainUrl',
            'Drain URL',
            drain.drainUrl,
            (drainUrl) => ({ ...drain, drainUrl }),
            'Patchwise POSTs to it; {host} becomes the member’s name',
          )}
          {text('undrainUrl', 'Undrain URL', drain.undrainUrl, (undrainUrl) => ({ ...drain, undrainUrl }))}
        </>
      )}
    </fieldset>
  );
}
