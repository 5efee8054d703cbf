import {
  drainSchema,
  healthCheckSchema,
  switchoverSchema,
  type Drain,
  type HealthCheck,
  type Service,
  type ServiceKind,
  type Switchover,
} from '../../../shared/domain/graph';
import { errorsFromIssues, type FormErrors } from '../../ui/form-errors';
import { numberFromInput } from '../../ui/number-input';

/**
 * The service panel's drain, health checks and switchover, as pure functions. Drain and
 * switchover go into the draft exactly as typed (their fields are plain strings), so a mistake
 * shows beside its field and blocks Save the way a blank name does; a health check joins the list
 * only once the schema accepts it.
 */

/** The schema's limit on a service's health checks. */
export const MAX_CHECKS = 20;

/** Debian's and the lab's HAProxy admin socket (`stats socket … level admin` in haproxy.cfg). */
export const DEFAULT_HAPROXY_SOCKET = '/run/haproxy/admin.sock';

/** Each field's first message from a schema's issues; messages for other paths are dropped. */
const fieldErrors = <K extends string>(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  fields: readonly K[],
): Partial<Record<K, string>> => errorsFromIssues(issues, fields).fields;

// Health checks

export type CheckKind = HealthCheck['kind'];
export const CHECK_KINDS = ['unit', 'http', 'command'] as const satisfies readonly CheckKind[];
export const CHECK_KIND_LABELS: Readonly<Record<CheckKind, string>> = {
  unit: 'systemd unit is active',
  http: 'HTTP GET answers',
  command: 'Command succeeds',
};

const COMMAND_SHOWN = 60;

/** A check in words, as the list shows it; a long command is cut short. */
export function describeCheck(check: HealthCheck): string {
  switch (check.kind) {
    case 'unit':
      return `systemd unit ${check.unit}`;
    case 'http':
      return `HTTP GET :${check.port}${check.path} ×${check.requests}`;
    case 'command': {
      const command = check.command.trim().replace(/\s+/g, ' ');
      return `command: ${command.length > COMMAND_SHOWN ? `${command.slice(0, COMMAND_SHOWN - 1)}…` : command}`;
    }
  }
}

export const CHECK_FIELDS = ['unit', 'port', 'path', 'requests', 'command'] as const;
export type CheckField = (typeof CHECK_FIELDS)[number];

/** The add form holds what was typed, for every kind, so switching kinds loses nothing. */
export type CheckFormValues = { kind: CheckKind } & Record<CheckField, string>;

export const EMPTY_CHECK_FORM: CheckFormValues = {
  kind: 'unit',
  unit: '',
  port: '',
  path: '/',
  requests: '50',
  command: '',
};

export type CheckFormResult = { ok: true; check: HealthCheck } | { ok: false; errors: FormErrors<CheckField> };

const sameCheck = (a: HealthCheck, b: HealthCheck): boolean => JSON.stringify(a) === JSON.stringify(b);

/** A check from the add form, by the shared schema; not one the service has already, nor a 21st. */
export function checkFromForm(values: CheckFormValues, existing: readonly HealthCheck[]): CheckFormResult {
  const fail = (fields: FormErrors<CheckField>['fields'], form: string | null = null): CheckFormResult => ({
    ok: false,
    errors: { fields, form },
  });
  if (existing.length >= MAX_CHECKS) return fail({}, `A service has at most ${MAX_CHECKS} health checks`);
  const input = ((): unknown => {
    switch (values.kind) {
      case 'unit':
        return { kind: 'unit', unit: values.unit.trim() };
      case 'http':
        return {
          kind: 'http',
          port: numberFromInput(values.port),
          path: values.path.trim(),
          requests: numberFromInput(values.requests),
        };
      case 'command':
        return { kind: 'command', command: values.command };
    }
  })();
  const parsed = healthCheckSchema.safeParse(input);
  if (!parsed.success) return fail(fieldErrors(parsed.error.issues, CHECK_FIELDS));
  const check = parsed.data;
  if (existing.some((other) => sameCheck(other, check)))
    return fail({}, `The service already has this check: ${describeCheck(check)}`);
  return { ok: true, check };
}

export const withCheck = (service: Service, check: HealthCheck): Service => ({
  ...service,
  checks: [...service.checks, check],
});

export const withoutCheck = (service: Service, index: number): Service => ({
  ...service,
  checks: service.checks.filter((_, at) => at !== index),
});

// Drain

export type DrainKind = 'none' | Drain['kind'];
export const DRAIN_KINDS = ['none', 'haproxy', 'http'] as const satisfies readonly DrainKind[];
export const DRAIN_KIND_LABELS: Readonly<Record<DrainKind, string>> = {
  none: 'None',
  haproxy: 'HAProxy',
  http: 'HTTP',
};

export const drainKindOf = (drain: Drain | null): DrainKind => drain?.kind ?? 'none';

/** The drain after choosing a method: unchanged when it is the same one, else blank but for defaults. */
export function drainFor(kind: DrainKind, current: Drain | null): Drain | null {
  if (kind === drainKindOf(current)) return current;
  switch (kind) {
    case 'none':
      return null;
    case 'haproxy':
      return { kind: 'haproxy', via: '', socket: DEFAULT_HAPROXY_SOCKET, backend: '' };
    case 'http':
      return { kind: 'http', drainUrl: '', undrainUrl: '' };
  }
}

export const DRAIN_FIELDS = ['via', 'socket', 'backend', 'drainUrl', 'undrainUrl'] as const;
export type DrainField = (typeof DRAIN_FIELDS)[number];

/** What the schema says about each of the drain's fields; none when there is no drain. */
export function drainErrors(drain: Drain | null): Partial<Record<DrainField, string>> {
  if (drain === null) return {};
  const parsed = drainSchema.safeParse(drain);
  return parsed.success ? {} : fieldErrors(parsed.error.issues, DRAIN_FIELDS);
}

// Switchover

/** Both commands empty means no switchover; anything typed is kept for the schema to judge. */
export const switchoverFrom = (demote: string, promote: string): Switchover | null =>
  demote === '' && promote === '' ? null : { demote, promote };

export const SWITCHOVER_FIELDS = ['demote', 'promote'] as const;
export type SwitchoverField = (typeof SWITCHOVER_FIELDS)[number];

export function switchoverErrors(switchover: Switchover | null): Partial<Record<SwitchoverField, string>> {
  if (switchover === null) return {};
  const parsed = switchoverSchema.safeParse(switchover);
  return parsed.success ? {} : fieldErrors(parsed.error.issues, SWITCHOVER_FIELDS);
}

/**
 * A new kind for a service. Only a database cluster's primary is handed over (the planner plans
 * switchovers for nothing else), so another kind drops the switchover rather than keep, and
 * save, commands the panel no longer shows.
 */
export const withKind = (service: Service, kind: ServiceKind): Service => ({
  ...service,
  kind,
  switchover: kind === 'database-cluster' ? service.switchover : null,
});
