import type { RolloutScope } from '../../../shared/domain/rollout';

/** `2026-11-28T22:00` as a datetime-local input shows an instant, in this computer's zone. */
export function localInput(iso: string | undefined): string {
  if (!iso) return '';
  const at = new Date(iso);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${String(at.getFullYear())}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** The scope with the input's local time as its `notBefore` (an instant), or without one. */
export function withNotBefore(scope: RolloutScope, local: string): RolloutScope {
  const { notBefore: _dropped, ...rest } = scope;
  const at = local === '' ? Number.NaN : new Date(local).getTime();
  return Number.isNaN(at) ? rest : { ...rest, notBefore: new Date(at).toISOString() };
}
