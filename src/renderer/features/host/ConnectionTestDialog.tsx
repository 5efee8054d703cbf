import { useCallback, useEffect, useState } from 'react';
import type { ConnectionTest } from '../../../shared/domain/scan';
import type { ErrorData } from '../../../shared/result';
import { call } from '../../api/client';
import { Dialog } from '../../ui/Dialog';
import { ConnectionTestResult } from './ConnectionTestResult';
import type { HostRef } from './host-ref';
import { SecretDialog } from './SecretDialog';

type TestState =
  { status: 'testing' } | { status: 'failed'; error: ErrorData } | { status: 'done'; result: ConnectionTest };

interface ConnectionTestDialogProps {
  host: HostRef;
  onClose: () => void;
}

/**
 * "Test connection": shows the key the host presents and, when it is trusted, whether the login
 * works and may become root. An unknown key can be trusted here after comparing the fingerprint;
 * a changed key needs an explicit re-trust past a warning.
 */
export function ConnectionTestDialog({ host, onClose }: ConnectionTestDialogProps) {
  const [state, setState] = useState<TestState>({ status: 'testing' });
  const [trusted, setTrusted] = useState<string | null>(null);
  const [askSudo, setAskSudo] = useState(false);

  // Bumped to test again; the dialog opens testing, so the first run needs no bump.
  const [attempt, setAttempt] = useState(0);
  const test = useCallback(() => {
    setState({ status: 'testing' });
    setAttempt((count) => count + 1);
  }, []);

  useEffect(() => {
    let current = true;
    void call('fleet.testConnection', { id: host.id }).then((reply) => {
      if (current)
        setState(reply.ok ? { status: 'done', result: reply.value } : { status: 'failed', error: reply.error });
    });
    return () => {
      current = false;
    };
  }, [host.id, attempt]);

  const retry = (
    <button type="button" onClick={test}>
      Test again
    </button>
  );

  return (
    <Dialog title={`Test connection to ${host.name}`} onClose={onClose}>
      {host.address && (
        <p className="muted">
          {host.name} at <span className="mono">{host.address}</span>
        </p>
      )}
      {trusted && (
        <p className="notice notice-ok" role="status">
          Host key trusted: <code className="fingerprint">{trusted}</code>
        </p>
      )}
      <div aria-live="polite">
        {state.status === 'testing' && <p className="loading-note">Connecting to {host.name}…</p>}
        {state.status === 'failed' && (
          <div className="notice notice-error" role="alert">
            <span>Could not test the connection: {state.error.message}</span>
            {retry}
          </div>
        )}
        {state.status === 'done' && (
          <ConnectionTestResult
            host={host}
            result={state.result}
            retry={retry}
            onTrusted={(fingerprint) => {
              setTrusted(fingerprint);
              test();
            }}
            onStoreSudo={() => {
              setAskSudo(true);
            }}
          />
        )}
      </div>
      <div className="form-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {askSudo && (
        <SecretDialog
          kind="sudo"
          hostName={host.name}
          onClose={() => {
            setAskSudo(false);
            test();
          }}
        />
      )}
    </Dialog>
  );
}
