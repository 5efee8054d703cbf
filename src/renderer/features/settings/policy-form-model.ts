import { RINGS, type Ring } from '../../../shared/domain/host';
import { rolloutPolicySchema, type RolloutPolicy, type WeeklyWindow } from '../../../shared/domain/plan';
import type { Envelope } from '../../../shared/result';

export const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** Rings keep the house order (test first, critical last); the form only says which take part. */
export function ringsOf(chosen: ReadonlySet<Ring>): Ring[] {
  return RINGS.filter((ring) => chosen.has(ring));
}

export function toggled<T>(set: ReadonlySet<T>, value: T, on: boolean): Set<T> {
  const next = new Set(set);
  if (on) next.add(value);
  else next.delete(value);
  return next;
}

export const NEW_WINDOW: WeeklyWindow = { days: [6, 0], start: '22:00', end: '04:00' };

/** The policy the form holds, checked with the schema the main side uses; the first problem in words. */
export function checkPolicy(policy: RolloutPolicy): Envelope<RolloutPolicy> {
  const parsed = rolloutPolicySchema.safeParse(policy);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.join('.') ?? '';
  return {
    ok: false,
    error: { code: 'invalid_input', message: `${where ? `${where}: ` : ''}${issue?.message ?? 'invalid policy'}` },
  };
}

/** Every IANA zone this browser knows, for the time zone field's suggestions. */
export function knownTimeZones(): string[] {
  return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
}

/** The form's windows with the imported ones added, each window once (same days and hours). */
export function withNewWindows(held: readonly WeeklyWindow[], imported: readonly WeeklyWindow[]): WeeklyWindow[] {
  const key = (window: WeeklyWindow): string => `${[...window.days].sort().join(',')} ${window.start}-${window.end}`;
  const seen = new Set(held.map(key));
  const added = imported.filter((window) => {
    const fresh = !seen.has(key(window));
    seen.add(key(window));
    return fresh;
  });
  return [...held, ...added];
}
