/**
 * Errors cross process boundaries as data: a code from a closed set plus a message for people.
 * Callers pick their reaction by `code`, never by matching `message`.
 */
export const ERROR_CODES = [
  'unknown_command',
  'invalid_input',
  'not_found',
  'conflict',
  'forbidden',
  'unauthorized',
  'internal',
  'database_newer',
  'migration_changed',
  'migration_failed',
  'secrets_unavailable',
  // Talking to hosts (fleet/ssh): each one a different reaction in the UI.
  'host_key_changed',
  'host_key_unknown',
  'auth_failed',
  'sudo_failed',
  'unreachable',
  'timeout',
  'connection_lost',
  'parse_failed',
  // A command the collector runs failed on the host (dnf without its repositories).
  'collector_failed',
  // A rollout step's command failed or was refused on the host (HAProxy's runtime API, a patch).
  'command_failed',
  'cancelled',
  // No way to reach the host from this machine (WinRM without a local PowerShell).
  'transport_unavailable',
  // Feed files: not a format Patchwise reads, malformed or cut short; or over a size limit.
  'feed_invalid',
  'feed_too_large',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorData {
  code: ErrorCode;
  message: string;
  /** Per-field messages for form input, keyed by the field's path (`port`, `tags.2`). */
  fields?: Record<string, string>;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorData };

/** Thrown inside the main side; transports turn it into `{ ok: false, error }`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;

  constructor(code: ErrorCode, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
  }

  toData(): ErrorData {
    return this.fields
      ? { code: this.code, message: this.message, fields: this.fields }
      : { code: this.code, message: this.message };
  }
}

export function ok<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, fields?: Record<string, string>): Envelope<never> {
  return { ok: false, error: fields ? { code, message, fields } : { code, message } };
}
