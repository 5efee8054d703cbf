import type { HostScanState, ScanRunState } from '../../../shared/domain/scan';
import type { ErrorCode } from '../../../shared/result';

export const HOST_STATE_LABELS: Readonly<Record<HostScanState, string>> = {
  queued: 'Queued',
  connecting: 'Connecting…',
  collecting: 'Collecting…',
  ok: 'OK',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const RUN_STATE_LABELS: Readonly<Record<ScanRunState, string>> = {
  running: 'running',
  done: 'finished',
  cancelled: 'cancelled',
  interrupted: 'interrupted (Patchwise stopped during the run)',
};

/** Short words for the codes a scan or a connection test can fail with; the message has the detail. */
export function errorLabel(code: ErrorCode): string {
  switch (code) {
    case 'host_key_unknown':
      return 'host key not trusted yet';
    case 'host_key_changed':
      return 'host key changed';
    case 'auth_failed':
      return 'login refused';
    case 'sudo_failed':
      return 'sudo refused';
    case 'unreachable':
      return 'unreachable';
    case 'timeout':
      return 'timed out';
    case 'connection_lost':
      return 'connection lost';
    case 'parse_failed':
      return 'unreadable output';
    case 'cancelled':
      return 'cancelled';
    case 'secrets_unavailable':
      return 'secrets unavailable';
    case 'collector_failed':
      return 'a command failed on the host';
    case 'transport_unavailable':
      return 'no PowerShell here for WinRM';
    default:
      return code.replaceAll('_', ' ');
  }
}
