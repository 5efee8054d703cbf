import { useEffect, useRef, useState } from 'react';
import type { HealthCheck } from '../../../shared/domain/graph';
import type { FormErrors } from '../../ui/form-errors';
import { Field } from '../../ui/Field';
import { Select } from '../../ui/Select';
import {
  CHECK_KIND_LABELS,
  CHECK_KINDS,
  checkFromForm,
  EMPTY_CHECK_FORM,
  type CheckField,
  type CheckFormValues,
} from './service-fields';

interface HealthCheckFormProps {
  /** The service's checks, so a repeat is refused. */
  checks: readonly HealthCheck[];
  onAdd: (check: HealthCheck) => void;
}

const NO_ERRORS: FormErrors<CheckField> = { fields: {}, form: null };

/** Adds a health check: its kind, then that kind's fields, checked by the shared schema. */
export function HealthCheckForm({ checks, onAdd }: HealthCheckFormProps) {
  const [values, setValues] = useState<CheckFormValues>(EMPTY_CHECK_FORM);
  const [errors, setErrors] = useState<FormErrors<CheckField>>(NO_ERRORS);
  const [attempts, setAttempts] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  // After a refused Add, the first field with a message takes focus (not while typing: a fixed
  // field's message goes, and focus must stay where the admin is).
  useEffect(() => {
    if (attempts > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempts]);

  const set = (field: CheckField, value: string): void => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ fields: { ...current.fields, [field]: undefined }, form: null }));
  };
  const text = (field: CheckField, label: string, hint?: string, range?: { min: number; max: number }) => (
    <Field id={`service-check-${field}`} label={label} error={errors.fields[field]} hint={hint}>
      {(control) => (
        <input
          {...control}
          {...(range ? { type: 'number', inputMode: 'numeric' as const, ...range } : {})}
          autoComplete="off"
          spellCheck={false}
          value={values[field]}
          onChange={(event) => {
            set(field, event.target.value);
          }}
        />
      )}
    </Field>
  );

  return (
    <form
      ref={formRef}
      className="graph-check-form"
      aria-label="Add a health check"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const result = checkFromForm(values, checks);
        if (!result.ok) {
          setErrors(result.errors);
          setAttempts((n) => n + 1);
          return;
        }
        onAdd(result.check);
        setErrors(NO_ERRORS);
        // The kind stays chosen: several checks of one kind are often added in a row.
        setValues({ ...EMPTY_CHECK_FORM, kind: values.kind });
      }}
    >
      <Field id="service-check-kind" label="Check that">
        {(control) => (
          <Select
            control={control}
            value={values.kind}
            options={CHECK_KINDS}
            labels={CHECK_KIND_LABELS}
            onChange={(kind) => {
              setValues((current) => ({ ...current, kind }));
              setErrors(NO_ERRORS);
            }}
          />
        )}
      </Field>
      {values.kind === 'unit' && text('unit', 'Unit', 'e.g. nginx.service; systemd on the member is asked')}
      {values.kind === 'http' && (
        <>
          {text('port', 'Port', undefined, { min: 1, max: 65535 })}
          {text('path', 'Path')}
          {text('requests', 'Requests', 'Sent from this machine, compared with an unpatched member', {
            min: 1,
            max: 1000,
          })}
        </>
      )}
      {values.kind === 'command' &&
        text('command', 'Command', 'Run on the member as the login user; exit status 0 passes')}
      <div className="form-actions">
        <button type="submit">Add check</button>
      </div>
      {errors.form && (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      )}
    </form>
  );
}
