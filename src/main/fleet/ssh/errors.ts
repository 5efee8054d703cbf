import type { ErrorCode } from '../../../shared/result';

export type SshFailure = Extract<
  ErrorCode,
  'host_key_changed' | 'host_key_unknown' | 'auth_failed' | 'unreachable' | 'timeout' | 'connection_lost'
>;

interface Ssh2Error extends Error {
  level?: string;
  code?: string;
}

/**
 * Maps an ssh2 client error to a code the UI reacts to (a re-trust dialog for host_key_changed,
 * retry for timeout), from ssh2's `level` and the socket's `code`, never from message text.
 */
export function classifySshError(error: Ssh2Error, hostKey: 'ok' | 'changed' | 'unknown'): SshFailure {
  if (hostKey === 'changed') return 'host_key_changed';
  if (hostKey === 'unknown') return 'host_key_unknown';
  if (error.level === 'client-authentication') return 'auth_failed';
  if (error.level === 'client-timeout') return 'timeout';
  const code = error.code ?? '';
  if (['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'].includes(code)) return 'unreachable';
  if (code === 'ETIMEDOUT') return 'timeout';
  return 'connection_lost';
}
