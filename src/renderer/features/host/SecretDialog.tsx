import { useState } from 'react';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { SECRET_TEXTS } from './secret-labels';
import { secretName, useSecretsStore, type HostSecretKind } from './secrets-store';

interface SecretDialogProps {
  kind: HostSecretKind;
  hostName: string;
  onClose: () => void;
}

/**
 * Stores one of a host's secrets. The value goes to the main side, which encrypts it; the
 * renderer forgets it as soon as it is sent and can never read it back.
 */
export function SecretDialog({ kind, hostName, onClose }: SecretDialogProps) {
  const store = useSecretsStore((state) => state.store);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const text = SECRET_TEXTS[kind];

  async function submit(): Promise<void> {
    if (value === '') {
      setError(`${text.what} is empty`);
      return;
    }
    setSaving(true);
    const reply = await store(secretName(kind, hostName), value);
    setSaving(false);
    setValue('');
    if (reply.ok) onClose();
    else setError(reply.error.message);
  }

  return (
    <Dialog title={`${text.what} for ${hostName}`} onClose={onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <p className="muted">{text.why}</p>
        <Field
          id={`secret-${kind}`}
          label={text.what}
          error={error ?? undefined}
          hint="Stored encrypted on the Patchwise side. It is never shown again, only replaced or forgotten."
        >
          {(control) => (
            <input
              {...control}
              type="password"
              data-autofocus
              autoComplete="off"
              value={value}
              onChange={(event) => {
                setValue(event.target.value);
              }}
            />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={saving}>
            {text.action}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          {saving && <span className="loading-note">Storing…</span>}
        </div>
      </form>
    </Dialog>
  );
}
