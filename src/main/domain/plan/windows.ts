import type { WeeklyWindow } from '../../../shared/domain/plan';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;
/**
 * How far ahead a slot is looked for. Two weeks hold every weekday twice, and a time zone changes
 * its clock at most once in that span, so a window long enough on paper fits at least once.
 */
export const HORIZON_DAYS = 15;

/** A span of time as epoch milliseconds, end excluded. */
export interface Slot {
  start: number;
  end: number;
}

/** Where each batch goes: the first slot at or after `from` inside one window occurrence, or null. */
export type SlotFinder = (from: number) => Slot | null;

export type Slots = { ok: true; next: SlotFinder } | { ok: false; reason: string };

/** HH:MM as minutes after midnight (the schema has checked the shape). */
const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** A window's length on the wall clock: an end at or before its start runs past midnight. */
function wallMinutes(window: WeeklyWindow): number {
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  return end > start ? end - start : end + 24 * 60 - start;
}

/**
 * The zone's offset from UTC at an instant (ms, positive east of Greenwich), read from Intl: the
 * platform's time zone data knows every past and announced change, which a fixed offset does not.
 */
export function offsetReader(timeZone: string): (instant: number) => number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return (instant) => {
    const at = Math.floor(instant / SECOND) * SECOND;
    const field: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
    for (const part of format.formatToParts(at)) field[part.type] = Number(part.value);
    const wall = Date.UTC(
      field.year ?? 1970,
      (field.month ?? 1) - 1,
      field.day ?? 1,
      field.hour ?? 0,
      field.minute ?? 0,
      field.second ?? 0,
    );
    return wall - at;
  };
}

/**
 * The instant a wall-clock time (given as if it were UTC) happens in the zone: the first moment
 * the site's clock shows that time or later. So a time the clock shows twice (when it goes back)
 * is its first showing, and a time it skips (when it goes forward) is the moment of the jump.
 */
export function instantOf(wall: number, offsetAt: (instant: number) => number): number {
  // A zone changes its offset at most once within a day of any moment, so the offsets a day
  // before and a day after are the only two this wall time can have.
  const before = offsetAt(wall - DAY);
  const after = offsetAt(wall + DAY);
  const valid = [wall - before, wall - after].filter((instant) => offsetAt(instant) === wall - instant);
  if (valid.length > 0) return Math.min(...valid);
  // Skipped: the jump lies between the two readings; find it to the second.
  let low = Math.min(wall - before, wall - after);
  let high = Math.max(wall - before, wall - after);
  const lowOffset = offsetAt(low);
  while (high - low > SECOND) {
    const middle = Math.floor((low + high) / 2 / SECOND) * SECOND;
    if (offsetAt(middle) === lowOffset) low = middle;
    else high = middle;
  }
  return high;
}

interface Rule {
  days: ReadonlySet<number>;
  start: number;
  end: number;
  crosses: boolean;
}

/**
 * The slots a policy allows for batches of `minutes`: any time without windows; otherwise the
 * first fit in one occurrence of a weekly window in the zone, occurrences worked out once per day.
 */
export function slotsFor(windows: readonly WeeklyWindow[], timeZone: string, minutes: number): Slots {
  const length = minutes * MINUTE;
  if (windows.length === 0) return { ok: true, next: (from) => ({ start: from, end: from + length }) };
  const longest = Math.max(...windows.map(wallMinutes));
  if (longest < minutes)
    return {
      ok: false,
      reason: `no allowed window can hold a ${minutes}-minute batch: the longest is ${longest} minutes`,
    };
  let offsetAt: (instant: number) => number;
  try {
    offsetAt = offsetReader(timeZone);
  } catch {
    return { ok: false, reason: `the time zone ${timeZone} is not known here, so no window can be placed` };
  }
  const rules: Rule[] = windows.map((window) => {
    const start = minutesOf(window.start);
    const end = minutesOf(window.end);
    return { days: new Set(window.days), start, end, crosses: end <= start };
  });
  const byDay = new Map<number, Slot[]>();
  // The occurrences that open on a local day (days since 1970-01-01, a Thursday), in UTC.
  const occurrences = (day: number): Slot[] => {
    let found = byDay.get(day);
    if (found) return found;
    const weekday = (((day + 4) % 7) + 7) % 7;
    found = rules
      .filter((rule) => rule.days.has(weekday))
      .map((rule) => ({
        start: instantOf(day * DAY + rule.start * MINUTE, offsetAt),
        end: instantOf((day + (rule.crosses ? 1 : 0)) * DAY + rule.end * MINUTE, offsetAt),
      }));
    byDay.set(day, found);
    return found;
  };
  const next: SlotFinder = (from) => {
    // From the day before: a window that opened yesterday evening may still be open.
    const first = Math.floor((from + offsetAt(from)) / DAY) - 1;
    for (let day = first; day <= first + HORIZON_DAYS; day += 1) {
      // Occurrences open in day order, so the first day with a fit holds the earliest one.
      let best: number | null = null;
      for (const occurrence of occurrences(day)) {
        const start = Math.max(from, occurrence.start);
        if (start + length <= occurrence.end && (best === null || start < best)) best = start;
      }
      if (best !== null) return { start: best, end: best + length };
    }
    return null;
  };
  return { ok: true, next };
}
