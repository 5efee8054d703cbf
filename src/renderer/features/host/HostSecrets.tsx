import { useEffect, useState } from 'react';
import { subscribe } from '../../api/client';
import { formatWhen } from '../../ui/format';
import { Section } from '../../ui/Section';
import { SECRET_TEXTS } from './secret-labels';
import { HOST_SECRET_KINDS, secretName, useSecretsStore, type HostSecretKind } from './secrets-store';
import { SecretDialog } from './SecretDialog';

/** Which of this host's secrets are stored (never their values), with ways to replace or forget them. */
export function HostSecrets({ hostName }: { hostName: string }) {
  const secrets = useSecretsStore((state) => state.secrets);
  const error = useSecretsStore((state) => state.error);
  const load = useSecretsStore((state) => state.load);
  const remove = useSecretsStore((state) => state.remove);
  const [editing, setEditing] = useState<HostSecretKind | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);

  // There is no secrets event; a change from another window shows up as an audit entry.
  useEffect(() => {
    void load();
    return subscribe('audit.entry', ({ action }) => {
      if (action.startsWith('secret.')) void load();
    });
  }, [load]);

  async function forget(kind: HostSecretKind): Promise<void> {
    const reply = await remove(secretName(kind, hostName));
    setRemoveError(reply.ok ? null : reply.error.message);
  }

  return (
    <Section title="Stored secrets">
      {error && (
        <p className="notice notice-error" role="alert">
          Could not list the stored secrets: {error}
        </p>
      )}
      {removeError && (
        <p className="form-error" role="alert">
          {removeError}
        </p>
      )}
      <table className="compact" aria-label="Stored secrets">
        <tbody>
          {HOST_SECRET_KINDS.map((kind) => {
            const stored = secrets?.find((secret) => secret.name === secretName(kind, hostName));
            const text = SECRET_TEXTS[kind];
            return (
              <tr key={kind}>
                <th scope="row">{text.what}</th>
                <td>{stored ? `stored, last set ${formatWhen(stored.updatedAt)}` : 'not stored'}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    aria-label={`${stored ? 'Replace' : 'Set'} ${text.what.toLowerCase()}`}
                    onClick={() => {
                      setEditing(kind);
                    }}
                  >
                    {stored ? 'Replace' : 'Set'}
                  </button>
                  {stored && (
                    <button
                      type="button"
                      aria-label={`Forget ${text.what.toLowerCase()}`}
                      onClick={() => {
                        void forget(kind);
                      }}
                    >
                      Forget
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {editing && (
        <SecretDialog
          kind={editing}
          hostName={hostName}
          onClose={() => {
            setEditing(null);
          }}
        />
      )}
    </Section>
  );
}
