import { useEffect, useRef, useState } from 'react';
import { DEFAULT_HOST_INPUT, type Host } from '../../../shared/domain/host';
import { errorsFromReply, NO_ERRORS, type FormErrors } from '../../ui/form-errors';
import { useRestoreFocus } from '../../ui/use-restore-focus';
import { useFleetStore } from './fleet-store';
import { formValuesFor, HOST_FIELDS, parseHostForm, type HostField } from './host-form-model';
import { HostFormFields } from './HostFormFields';

interface HostFormProps {
  /** The host being edited, or null to add one. */
  host: Host | null;
  onClose: () => void;
}

/** Add or edit a host. Checked here first; the server's answer (a duplicate, say) lands on the same fields. */
export function HostForm({ host, onClose }: HostFormProps) {
  const saveHost = useFleetStore((state) => state.saveHost);
  const [values, setValues] = useState(() => formValuesFor(host ?? DEFAULT_HOST_INPUT));
  const [errors, setErrors] = useState<FormErrors<HostField>>(NO_ERRORS);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useRestoreFocus();

  useEffect(() => {
    formRef.current?.querySelector('input')?.focus();
  }, []);

  // After a failed save, put the cursor on the first field that needs fixing.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  async function submit(): Promise<void> {
    const parsed = parseHostForm(values);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setSaving(true);
    const reply = await saveHost(host?.id ?? null, parsed.host);
    setSaving(false);
    if (reply.ok) onClose();
    else setErrors(errorsFromReply(reply.error, HOST_FIELDS));
  }

  return (
    <form
      ref={formRef}
      aria-label="Host"
      className="panel"
      // The schema gives better messages than the browser's own checks (which would block "22.5").
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <h2>{host ? `Editing ${host.name}` : 'New host'}</h2>
      <HostFormFields
        values={values}
        errors={errors.fields}
        onChange={(field, value) => {
          setValues((current) => ({ ...current, [field]: value }));
        }}
      />
      {errors.form && (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          Save host
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        {saving && <span className="loading-note">Saving…</span>}
      </div>
    </form>
  );
}
