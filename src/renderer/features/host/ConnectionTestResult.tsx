import type { ReactNode } from 'react';
import type { ConnectionTest } from '../../../shared/domain/scan';
import { errorLabel } from '../scan/scan-labels';
import type { HostRef } from './host-ref';
import { loginText } from './connection-test-text';
import { HostKeyTrust } from './HostKeyTrust';

interface ConnectionTestResultProps {
  host: HostRef;
  result: ConnectionTest;
  retry: ReactNode;
  onTrusted: (fingerprint: string) => void;
  onStoreSudo: () => void;
}

/** What a connection test found: no key, a key to trust (or re-trust), or a working login. */
export function ConnectionTestResult({ host, result, retry, onTrusted, onStoreSudo }: ConnectionTestResultProps) {
  if (result.fingerprint === null || result.hostKey === null) {
    const code = result.error?.code;
    return (
      <div className="notice notice-error" role="alert">
        <span>
          {host.name} did not show a host key{code ? ` (${errorLabel(code)})` : ''}: {result.error?.message}
        </span>
        {retry}
      </div>
    );
  }
  if (result.hostKey !== 'match') {
    return (
      <HostKeyTrust
        host={host}
        fingerprint={result.fingerprint}
        algorithm={result.algorithm}
        changed={result.hostKey === 'changed'}
        onTrusted={onTrusted}
      />
    );
  }
  return (
    <div className="test-result">
      <p>
        Host key matches the trusted key: <code className="fingerprint">{result.fingerprint}</code>
      </p>
      <p role="status">{loginText(result)}</p>
      {result.error && (
        <div className="notice notice-error" role="alert">
          <span>
            {errorLabel(result.error.code)}: {result.error.message}
          </span>
          {result.error.code === 'sudo_failed' ? (
            <button type="button" onClick={onStoreSudo}>
              Store sudo password
            </button>
          ) : (
            retry
          )}
        </div>
      )}
    </div>
  );
}
