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
  const days = repeatDays(event) ?? [new Date(wallOf(start)).getUTCDay()];
  // Rounded inwards to the minute, so the window never reaches past the event.
  const startAt = Math.ceil(instantOf(startProperty, start, policy) / MINUTE) * MINUTE;
  const endAt = Math.floor(endInstant(event, startAt, policy) / MINUTE) * MINUTE;
  if (endAt <= startAt) unfit('ends when or before it starts');
  if (endAt - startAt >= DAY) unfit(`lasts ${lengthOf(endAt - startAt)}: a Patchwise window is shorter than a day`);
  // The zones' offsets may differ through the year (Berlin is UTC+1 in winter, UTC+2 in summer), so
  // the times are converted as they fall on the first occurrence, DTSTART. The weekdays move with
  // the start when the conversion crosses midnight: the rule's days are on the event's own clock.
  const startWall = policy.wallAt(startAt);
  const shift = Math.floor(startWall / DAY) - Math.floor(wallOf(start) / DAY);
  const window = {
    days: [...new Set(days.map((day) => (((day + shift) % 7) + 7) % 7))].sort((a, b) => a - b),
    start: clockTime(startWall),
    end: clockTime(policy.wallAt(endAt)),
  };
  // Possible only across a clock change: an end equal to the start would read as a whole day.
  if (window.start === window.end)
    unfit(`starts and ends at ${window.start} in ${policy.timeZone}: a Patchwise window is shorter than a day`);
  return window;
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

/** When the event ends: DTEND, or DTSTART plus DURATION. */
function endInstant(event: ICAL.Component, startAt: number, policy: Clock): number {
  const endProperty = event.getFirstProperty('dtend');
  if (endProperty) {
    const end = timeOf(endProperty);
    if (end.isDate) unfit('its end (DTEND) is a date without a time');
    return instantOf(endProperty, end, policy);
  }
  const duration = event.getFirstPropertyValue('duration');
  if (duration instanceof ICAL.Duration) return startAt + duration.toSeconds() * SECOND;
  return unfit('no end (DTEND or DURATION)');
}

function timeOf(property: ICAL.Property): ICAL.Time {
  const value = property.getFirstValue();
  return value instanceof ICAL.Time ? value : unfit(`its ${property.name.toUpperCase()} is not a date or time`);
}

/** A time's fields as a wall-clock reading, in milliseconds as if the clock were UTC's. */
const wallOf = (time: ICAL.Time): number =>
  Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);

/** The instant an event's time happens, by the zone it names (TZID), UTC ("Z"), or none. */
function instantOf(property: ICAL.Property, time: ICAL.Time, policy: Clock): number {
  const wall = wallOf(time);
  if (time.zone === ICAL.Timezone.utcTimezone) return wall;
  const tzid: unknown = property.getFirstParameter('tzid');
  // A floating time is the same on every clock: for Patchwise, the site's.
  if (typeof tzid !== 'string' || tzid === '') return policy.instantOf(wall);
  // ical.js knows only the zones the file defines (VTIMEZONE) and treats any other TZID as
  // floating; the platform's zone data knows every IANA name and its changes.
  const named = clockOf(tzid);
  if (named) return named.instantOf(wall);
  // Not an IANA name (Outlook writes Windows names such as "W. Europe Standard Time"): when the
  // file defines it, ical.js has attached that definition to the time and converts by it.
  if (time.zone.tzid === tzid) return time.toUnixTime() * SECOND;
  return unfit(`its time zone "${tzid}" is neither an IANA zone nor defined in the file (VTIMEZONE)`);
}

/** A zone's clock: the wall time it shows at an instant, and the instant it shows a wall time. */
interface Clock {
  timeZone: string;
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
    wallAt: (instant) => instant + offsetAt(instant),
    instantOf: (wall) => wallInstant(wall, offsetAt),
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
