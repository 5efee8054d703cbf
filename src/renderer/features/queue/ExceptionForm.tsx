import { useState } from 'react';
import { exceptionInputSchema, type ExceptionInput } from '../../../shared/domain/queue';
import { call } from '../../api/client';
import { Field } from '../../ui/Field';

type Values = Omit<ExceptionInput, 'fix' | 'kind'> & { kind: string };
type Errors = Partial<Record<keyof Values, string>>;

const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Accept (it will not be fixed) or defer (not yet) the risk a fix closes, with an owner, a
 * reason and an expiry: checked by the same schema the main side uses, then audited there.
 */
export function ExceptionForm({ fix, onDone }: { fix: string; onDone: () => void }) {
  const [values, setValues] = useState<Values>({ kind: 'defer', owner: '', reason: '', expiresOn: inDays(30) });
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (field: keyof Values, value: string): void => {
    setValues({ ...values, [field]: value });
  };

  async function submit(): Promise<void> {
    const parsed = exceptionInputSchema.safeParse({ ...values, fix });
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])));
      return;
    }
    setSaving(true);
    const reply = await call('queue.except', parsed.data);
    setSaving(false);
    if (!reply.ok) {
      setErrors(reply.error.fields ?? {});
      setFailure(reply.error.message);
      return;
    }
    onDone();
  }

  return (
    <form
      aria-label="Accept or defer"
      className="form-grid"
      // The schema gives better messages than the browser's own checks.
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Field id="exception-kind" label="Decision" error={errors.kind}>
        {(control) => (
          <select
            {...control}
            value={values.kind}
            onChange={(event) => {
              set('kind', event.target.value);
            }}
          >
            <option value="defer">Defer (patch later)</option>
            <option value="accept">Accept the risk (will not patch)</option>
          </select>
        )}
      </Field>
      <Field id="exception-owner" label="Owner" error={errors.owner}>
        {(control) => (
          <input
            {...control}
            value={values.owner}
            onChange={(event) => {
              set('owner', event.target.value);
            }}
          />
        )}
      </Field>
      <Field id="exception-reason" label="Reason" error={errors.reason}>
        {(control) => (
          <input
            {...control}
            value={values.reason}
            onChange={(event) => {
              set('reason', event.target.value);
            }}
          />
        )}
      </Field>
      <Field
        id="exception-expires"
        label="Until"
        hint="The fix returns to the queue after this day"
        error={errors.expiresOn}
      >
        {(control) => (
          <input
            {...control}
            type="date"
            value={values.expiresOn}
            onChange={(event) => {
              set('expiresOn', event.target.value);
            }}
          />
        )}
      </Field>
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
      <div>
        <button type="submit" disabled={saving}>
          Record exception
        </button>
      </div>
    </form>
  );
}
