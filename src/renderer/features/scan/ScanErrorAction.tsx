import { useState } from 'react';
import type { ErrorData } from '../../../shared/result';
import { hrefForHost } from '../../app/routes';
import { ConnectionTestDialog } from '../host/ConnectionTestDialog';
import type { HostRef } from '../host/host-ref';
import { SecretDialog } from '../host/SecretDialog';
import { useScanStore } from './scan-store';

interface ScanErrorActionProps {
  host: HostRef;
  error: Pick<ErrorData, 'code'>;
}

type Open = 'none' | 'test' | 'sudo';

/**
 * The next step for a failed scan, picked by the error's code: trust an unknown key, review a
 * changed one, store the sudo password, or simply try again.
 */
export function ScanErrorAction({ host, error }: ScanErrorActionProps) {
  const start = useScanStore((state) => state.start);
  const [open, setOpen] = useState<Open>('none');
  const [retryError, setRetryError] = useState<string | null>(null);
  const close = (): void => {
    setOpen('none');
  };

  async function rescan(): Promise<void> {
    const reply = await start([host.id]);
    setRetryError(reply.ok ? null : reply.error.message);
  }

  const button = (label: string, onClick: () => void) => (
    <button type="button" className="small" aria-label={`${label}: ${host.name}`} onClick={onClick}>
      {label}
    </button>
  );

  let action;
  switch (error.code) {
    case 'host_key_unknown':
      action = button('Test connection', () => {
        setOpen('test');
      });
      break;
    case 'host_key_changed':
      action = button('Review changed key', () => {
        setOpen('test');
      });
      break;
    case 'sudo_failed':
      action = button('Store sudo password', () => {
        setOpen('sudo');
      });
      break;
    case 'auth_failed':
      action = (
        <a href={hrefForHost(host.id)} aria-label={`Check the login of ${host.name}`}>
          Check login
        </a>
      );
      break;
    case 'timeout':
    case 'unreachable':
    case 'connection_lost':
      action = button('Retry', () => {
        void rescan();
      });
      break;
    case 'cancelled':
      action = button('Scan again', () => {
        void rescan();
      });
      break;
    default:
      action = null;
  }

  return (
    <>
      {action}
      {retryError && (
        <span className="field-error" role="alert">
          {retryError}
        </span>
      )}
      {open === 'test' && <ConnectionTestDialog host={host} onClose={close} />}
      {open === 'sudo' && <SecretDialog kind="sudo" hostName={host.name} onClose={close} />}
    </>
  );
}
