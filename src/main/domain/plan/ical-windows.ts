import ICAL from 'ical.js';
import type { WeeklyWindow } from '../../../shared/domain/plan';
import { AppError } from '../../../shared/result';
import { instantOf as wallInstant, offsetReader } from './windows';

/** An event that did not become a window: its SUMMARY (else its UID) and why, for the admin. */
export interface SkippedEvent {
  event: string;
  reason: string;
}

export interface ICalendarWindows {
  windows: WeeklyWindow[];
  skipped: SkippedEvent[];
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];
/** RFC 5545 weekday codes as Patchwise day numbers (0 = Sunday). */
const DAY_NUMBERS: Readonly<Record<string, number>> = { SU: 0, MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6 };

/**
 * Thrown while reading one event and caught for that event alone: one event a weekly window
 * cannot express must not cost the admin the others in the file.
 */
class Unfit extends Error {}
const unfit = (reason: string): never => {
  throw new Unfit(reason);
};

/**
 * The maintenance windows in an iCalendar (RFC 5545) file, as weekly rules on the clock of the
 * policy's `timeZone`: one per weekly (or daily) recurring event, merged where their times are the
 * same. Events no weekly window can express are listed in `skipped`, each with its reason. Throws
 * `invalid_input` when the text is not iCalendar, holds no events, or the zone is not known.
 */
export function windowsFromICalendar(text: string, timeZone: string): ICalendarWindows {
  const events = calendarsOf(text).flatMap((calendar) => calendar.getAllSubcomponents('vevent'));
  if (events.length === 0)
    throw new AppError('invalid_input', 'The calendar has no events (VEVENT), so it holds no maintenance windows');
  const policy = clockOf(timeZone);
  if (!policy) throw new AppError('invalid_input', `The time zone "${timeZone}" is not known here`);
  const windows: WeeklyWindow[] = [];
  const skipped: SkippedEvent[] = [];
  events.forEach((event, index) => {
    try {
      windows.push(windowOf(event, policy));
    } catch (error) {
      // ical.js reads values lazily, so a malformed DTSTART or DURATION only throws here.
      const reason = error instanceof Unfit ? error.message : `could not be read: ${messageOf(error)}`;
      skipped.push({ event: nameOf(event, index), reason });
    }
  });
  return { windows: merged(windows), skipped };
}

function calendarsOf(text: string): ICAL.Component[] {
  // Also drops the byte order mark Windows tools often write (U+FEFF counts as white space), which
  // would otherwise hide the first BEGIN from the parser.
  const body = text.trimStart();
  // Checked before parsing: ical.js reads any "NAME:value" lines and fails on other text with
  // messages about its own internals.
  if (!/^BEGIN:VCALENDAR\r?\n/i.test(body))
    throw new AppError('invalid_input', 'This is not an iCalendar file (.ics): it does not start with BEGIN:VCALENDAR');
  let parsed: unknown;
  try {
    parsed = ICAL.parse(body);
  } catch (error) {
    throw new AppError('invalid_input', `The iCalendar file cannot be read: ${messageOf(error)}`);
  }
  // One calendar parses to one jCal component (`[name, properties, components]`); several calendars
  // in one file parse to an array of them.
  const roots = Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : (parsed as unknown[][]);
  return roots.map((root) => {
    const component = new ICAL.Component(root);
    if (component.name !== 'vcalendar')
      throw new AppError('invalid_input', `The file holds a ${component.name.toUpperCase()} besides its calendar`);
    return component;
  });
}

function windowOf(event: ICAL.Component, policy: Clock): WeeklyWindow {
  const status = event.getFirstPropertyValue('status');
  if (typeof status === 'string' && status.toUpperCase() === 'CANCELLED') unfit('cancelled (STATUS:CANCELLED)');
  if (event.hasProperty('recurrence-id'))
    unfit('changes one occurrence of a series (RECURRENCE-ID): the window comes from the series itself');
  const startProperty = event.getFirstProperty('dtstart') ?? unfit('no start (DTSTART)');
  const start = timeOf(startProperty);
  if (start.isDate) unfit('all-day event: a Patchwise window runs between two times of day');
  const startDay = new Date(wallOf(start)).getUTCDay();
  const days = repeatDays(event) ?? [startDay];
  const startClock = clockOfTime(startProperty, start, policy);
  const startEdge = edgeOf(wallOf(start), startClock, policy);
  const endEdge = endEdgeOf(event, startEdge, startClock, policy);
  const first = { start: startEdge(0), end: endEdge(0) };
  // Rounded inwards to the minute, so the window never reaches past the event.
  const startAt = Math.ceil(first.start.instant / MINUTE) * MINUTE;
  const endAt = Math.floor(first.end.instant / MINUTE) * MINUTE;
  if (endAt <= startAt) unfit('ends when or before it starts');
  if (endAt - startAt >= DAY) unfit(`lasts ${lengthOf(endAt - startAt)}: a Patchwise window is shorter than a day`);
  // The times as the policy's clock reads the first occurrence, DTSTART, narrowed to the hours
  // every occurrence of a year holds: Berlin is UTC+1 in winter and UTC+2 in summer, so an event
  // at 22:00-02:00 in Berlin is 21:00-01:00 UTC in winter but 20:00-00:00 in summer, and only
  // 21:00-00:00 is agreed all year. Where the two clocks keep one distance, nothing is cut.
  const cut = seasonalCut(first, startEdge, endEdge, offsetsOf(days, startDay));
  const from = policy.wallAt(startAt) + cut.later;
  const to = policy.wallAt(endAt) - cut.earlier;
  if (to <= from)
    unfit(
      `on the ${policy.timeZone} clock its hours move by ${lengthOf(cut.spread)} over the year (its zone and the policy's change their clocks at different times), and no hour lies inside it all year`,
    );
  // The weekdays move with the start when the conversion crosses midnight: the rule's days are on
  // the event's own clock.
  const shift = Math.floor(from / DAY) - Math.floor(wallOf(start) / DAY);
  const window = {
    days: [...new Set(days.map((day) => (((day + shift) % 7) + 7) % 7))].sort((a, b) => a - b),
    start: clockTime(from),
    end: clockTime(to),
  };
  // Possible only across a clock change: an end equal to the start would read as a whole day.
  if (window.start === window.end)
    unfit(`starts and ends at ${window.start} in ${policy.timeZone}: a Patchwise window is shorter than a day`);
  return window;
}

/**
 * One end of the event in the occurrence `days` days after DTSTART: the instant it happens, and
 * its drift, how far ahead of the clock it was written on the policy's clock then reads.
 */
type Edge = (days: number) => { instant: number; drift: number };

/** An end written as a wall-clock time on a clock, which each occurrence repeats on that clock. */
function edgeOf(wall: number, clock: Clock, policy: Clock): Edge {
  return (days) => {
    const instant = clock.instantOf(wall + days * DAY);
    return { instant, drift: policy.offsetAt(instant) - clock.offsetAt(instant) };
  };
}

/** When the event ends: DTEND, or DTSTART plus DURATION. */
function endEdgeOf(event: ICAL.Component, start: Edge, startClock: Clock, policy: Clock): Edge {
  const endProperty = event.getFirstProperty('dtend');
  if (endProperty) {
    const end = timeOf(endProperty);
    if (end.isDate) unfit('its end (DTEND) is a date without a time');
    return edgeOf(wallOf(end), clockOfTime(endProperty, end, policy), policy);
  }
  const duration = event.getFirstPropertyValue('duration');
  if (!(duration instanceof ICAL.Duration)) return unfit('no end (DTEND or DURATION)');
  // From the start as written, not as rounded to the minute: the end must not pass the event's.
  const length = duration.toSeconds() * SECOND;
  return (days) => {
    const from = start(days).instant;
    const instant = from + length;
    // Read from the start's clock: the end is DTSTART's wall time plus the length.
    return { instant, drift: policy.offsetAt(instant) - startClock.offsetAt(from) };
  };
}

/** A year of weekly occurrences: each season's clock offsets are met at least once. */
const WEEKS_CHECKED = 53;

/** The days after DTSTART's each week on which the series occurs, DTSTART's own (0) included. */
function offsetsOf(days: readonly number[], startDay: number): number[] {
  return [...new Set([0, ...days.map((day) => (((day - startDay) % 7) + 7) % 7)])];
}

/**
 * How much later the window must start and earlier it must end than the first occurrence reads on
 * the policy's clock, so it lies inside every occurrence of the year after DTSTART; and how far
 * the start's reading moves in that year. Every occurrence is checked, not one per season, as
 * zones change their clocks on different dates (Europe three weeks after North America in spring).
 */
function seasonalCut(
  first: { start: { drift: number }; end: { drift: number } },
  start: Edge,
  end: Edge,
  offsets: readonly number[],
): { later: number; earlier: number; spread: number } {
  let later = 0;
  let earlier = 0;
  let lowest = first.start.drift;
  let highest = first.start.drift;
  for (let week = 0; week < WEEKS_CHECKED; week++) {
    for (const offset of offsets) {
      const days = week * 7 + offset;
      if (days === 0) continue;
      const drift = start(days).drift;
      later = Math.max(later, drift - first.start.drift);
      earlier = Math.max(earlier, first.end.drift - end(days).drift);
      lowest = Math.min(lowest, drift);
      highest = Math.max(highest, drift);
    }
  }
  return { later, earlier, spread: highest - lowest };
}

/** The weekdays the event repeats on, on its own clock; null for DTSTART's weekday alone. */
function repeatDays(event: ICAL.Component): number[] | null {
  const rules = event.getAllProperties('rrule');
  const first = rules[0];
  if (!first) return unfit('one-off event (no RRULE): Patchwise windows repeat weekly');
  if (rules.length > 1) unfit(`${rules.length} recurrence rules (RRULE): a weekly window is one rule`);
  const rule = first.getFirstValue();
  if (!(rule instanceof ICAL.Recur)) return unfit('its recurrence rule (RRULE) cannot be read');
  const unit = rule.freq === 'WEEKLY' ? 'weeks' : 'days';
  switch (rule.freq) {
    case 'WEEKLY':
    case 'DAILY':
      break;
    case 'SECONDLY':
    case 'MINUTELY':
    case 'HOURLY':
    case 'MONTHLY':
    case 'YEARLY':
      return unfit(`${rule.freq.toLowerCase()} recurrence: Patchwise windows repeat weekly`);
    default:
      return unfit('its recurrence rule (RRULE) has no FREQ');
  }
  if (rule.interval !== 1) unfit(`repeats every ${rule.interval} ${unit}: Patchwise windows repeat every week`);
  // A finite series is often the old half of one an admin later changed ("this and following
  // events"): read as an endless window it would allow patching at times no longer agreed.
  if (rule.until) unfit(`the series ends (UNTIL ${rule.until.toString()}): Patchwise windows have no end`);
  if (rule.count !== null) unfit(`the series ends after ${rule.count} times (COUNT): Patchwise windows have no end`);
  const narrowing = Object.keys(rule.parts).filter((part) => part !== 'BYDAY');
  if (narrowing.length > 0)
    unfit(`its RRULE narrows the series with ${narrowing.join(', ')}, which a weekly window cannot express`);
  const byDay = rule.parts.BYDAY ?? [];
  // DAILY with BYDAY repeats on those days, as WEEKLY does; DAILY without it, on every day.
  if (byDay.length === 0) return rule.freq === 'DAILY' ? EVERY_DAY : null;
  return byDay.map(
    (code) => DAY_NUMBERS[code] ?? unfit(`BYDAY=${code} picks one weekday of a month: Patchwise windows repeat weekly`),
  );
}

function timeOf(property: ICAL.Property): ICAL.Time {
  const value = property.getFirstValue();
  return value instanceof ICAL.Time ? value : unfit(`its ${property.name.toUpperCase()} is not a date or time`);
}

/** A time's fields as a wall-clock reading, in milliseconds as if the clock were UTC's. */
const wallOf = (time: ICAL.Time): number =>
  Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);

/** The clock an event's time is written on: the zone it names (TZID), UTC ("Z"), or none. */
function clockOfTime(property: ICAL.Property, time: ICAL.Time, policy: Clock): Clock {
  if (time.zone === ICAL.Timezone.utcTimezone) return UTC;
  const tzid: unknown = property.getFirstParameter('tzid');
  // A floating time is the same on every clock: for Patchwise, the site's.
  if (typeof tzid !== 'string' || tzid === '') return policy;
  // ical.js knows only the zones the file defines (VTIMEZONE) and treats any other TZID as
  // floating; the platform's zone data knows every IANA name and its changes.
  const named = clockOf(tzid);
  if (named) return named;
  // Not an IANA name (Outlook writes Windows names such as "W. Europe Standard Time"): when the
  // file defines it, ical.js has attached that definition to the time and converts by it.
  if (time.zone.tzid === tzid) return definedClock(time.zone);
  return unfit(`its time zone "${tzid}" is neither an IANA zone nor defined in the file (VTIMEZONE)`);
}

/** A zone's clock: the wall time it shows at an instant, and the instant it shows a wall time. */
interface Clock {
  timeZone: string;
  /** How far ahead of UTC the clock is at an instant. */
  offsetAt: (instant: number) => number;
  wallAt: (instant: number) => number;
  instantOf: (wall: number) => number;
}

/** The clock of an IANA zone from the platform's time zone data, or null when it is not known. */
function clockOf(timeZone: string): Clock | null {
  let offsetAt: (instant: number) => number;
  try {
    offsetAt = offsetReader(timeZone);
  } catch {
    return null;
  }
  return {
    timeZone,
    offsetAt,
    wallAt: (instant) => instant + offsetAt(instant),
    instantOf: (wall) => wallInstant(wall, offsetAt),
  };
}

const UTC: Clock = { timeZone: 'UTC', offsetAt: () => 0, wallAt: (instant) => instant, instantOf: (wall) => wall };

/** The clock of a zone the file defines (VTIMEZONE), converted by ical.js. */
function definedClock(zone: ICAL.Timezone): Clock {
  const offsetAt = (instant: number): number => {
    const at = Math.floor(instant / SECOND) * SECOND;
    return wallOf(ICAL.Time.fromJSDate(new Date(at), true).convertToZone(zone)) - at;
  };
  return {
    timeZone: zone.tzid,
    offsetAt,
    wallAt: (instant) => instant + offsetAt(instant),
    instantOf: (wall) => {
      const date = new Date(wall);
      const time = ICAL.Time.fromData(
        {
          year: date.getUTCFullYear(),
          month: date.getUTCMonth() + 1,
          day: date.getUTCDate(),
          hour: date.getUTCHours(),
          minute: date.getUTCMinutes(),
          second: date.getUTCSeconds(),
          isDate: false,
        },
        zone,
      );
      return time.toUnixTime() * SECOND;
    },
  };
}

/** Same times, one window: the days of events with equal start and end are joined. */
function merged(windows: readonly WeeklyWindow[]): WeeklyWindow[] {
  const daysByTimes = new Map<string, Set<number>>();
  for (const window of windows) {
    const key = `${window.start}-${window.end}`;
    const days = daysByTimes.get(key) ?? new Set<number>();
    for (const day of window.days) days.add(day);
    daysByTimes.set(key, days);
  }
  // "HH:MM-HH:MM" keys sort by start, then end.
  return [...daysByTimes.keys()].sort().map((key) => ({
    days: [...(daysByTimes.get(key) ?? [])].sort((a, b) => a - b),
    start: key.slice(0, 5),
    end: key.slice(6),
  }));
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** HH:MM of a wall-clock reading. */
function clockTime(wall: number): string {
  const minutes = Math.floor((((wall % DAY) + DAY) % DAY) / MINUTE);
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function lengthOf(span: number): string {
  const minutes = Math.floor(span / MINUTE);
  return minutes % 60 === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function nameOf(event: ICAL.Component, index: number): string {
  for (const property of ['summary', 'uid']) {
    const value = event.getFirstPropertyValue(property);
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return `event ${index + 1}`;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
