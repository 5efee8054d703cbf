import { useId, useState } from 'react';
import { call } from '../../api/client';
import type { HostRef } from './host-ref';

interface HostKeyTrustProps {
  host: HostRef;
  fingerprint: string;
  algorithm: string | null;
  /** A key is pinned and this one differs from it. */
  changed: boolean;
  onTrusted: (fingerprint: string) => void;
}

/**
 * Trusting a host key: the admin compares the fingerprint with the one the server's console shows.
 * A changed key may mean a reinstalled server or someone in the middle, so re-trusting it takes
 * an explicit confirmation past a warning.
 */
export function HostKeyTrust({ host, fingerprint, algorithm, changed, onTrusted }: HostKeyTrustProps) {
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmId = useId();

  async function trust(): Promise<void> {
    setBusy(true);
    const reply = await call('fleet.trustHostKey', { id: host.id, fingerprint });
    setBusy(false);
    if (reply.ok) onTrusted(reply.value.fingerprint);
    else setError(reply.error.message);
  }

  const check = (
    <p className="muted">
      Compare it with the fingerprint on the server itself, for example by running{' '}
      <code>ssh-keygen -lf /etc/ssh/ssh_host_{(algorithm ?? 'ed25519').replace(/^ssh-|-.*$/g, '')}_key.pub</code> at its
      console.
    </p>
  );

  return (
    <div className="trust">
      {changed ? (
        <div className="notice notice-warning" role="alert">
          <strong>Warning: the host key of {host.name} has changed.</strong>
          <span>
            Scans are refused until the new key is trusted. This is expected after the server was reinstalled or its
            keys were regenerated; otherwise someone may be intercepting the connection. Do not trust the new key unless
            you have checked it.
          </span>
        </div>
      ) : (
        <p>{host.name} presents a key Patchwise has not trusted yet.</p>
      )}
      <dl className="facts">
        <dt>{changed ? 'New key' : 'Key'}</dt>
        <dd>
          {algorithm ?? 'unknown type'} <code className="fingerprint">{fingerprint}</code>
        </dd>
      </dl>
      {check}
      {changed && (
        <p className="checkbox-line">
          <input
            id={confirmId}
            type="checkbox"
            checked={confirmed}
            onChange={(event) => {
              setConfirmed(event.target.checked);
            }}
          />
          <label htmlFor={confirmId}>I checked the new fingerprint on the server and it matches</label>
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          Not trusted: {error}
        </p>
      )}
      <div className="form-actions">
        <button
          type="button"
          className={changed ? 'danger' : 'primary'}
          data-autofocus={changed ? undefined : true}
          disabled={busy || (changed && !confirmed)}
          onClick={() => {
            void trust();
          }}
        >
          {changed ? 'Trust the new key' : 'Trust this key'}
        </button>
      </div>
    </div>
  );
}
