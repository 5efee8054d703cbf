import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { windowsFromICalendar } from '../../src/main/domain/plan/ical-windows';
import { weeklyWindowSchema, type WeeklyWindow } from '../../src/shared/domain/plan';
import { AppError } from '../../src/shared/result';

const GOOGLE_EXPORT = readFileSync('test/fixtures/ical/google-calendar-export.ics', 'utf8');

const vevent = (...lines: string[]): string[] => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'];

/** A calendar around components given as content lines, with CRLF line ends as RFC 5545 asks. */
const calendar = (...components: string[][]): string =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Patchwise tests//EN', ...components.flat(), 'END:VCALENDAR', ''].join(
    '\r\n',
  );

/** The zone definition Outlook writes for Central Europe, under its Windows name. */
const W_EUROPE = [
  'BEGIN:VTIMEZONE',
  'TZID:W. Europe Standard Time',
  'BEGIN:STANDARD',
  'DTSTART:16010101T030000',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:16010101T020000',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
];

const weekly = (days: number[], start: string, end: string): WeeklyWindow => ({ days, start, end });

/** The windows, checked against the policy's own schema: what the settings would store. */
function windowsOf(text: string, timeZone: string): WeeklyWindow[] {
  const result = windowsFromICalendar(text, timeZone);
  expect(result.skipped).toEqual([]);
  return weeklyWindowSchema.array().parse(result.windows);
}

function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.toData();
    throw error;
  }
  throw new Error('not refused');
}

describe('windows from iCalendar', () => {
  // 2026-01-12 is a Monday, in winter (Berlin UTC+1); 2026-07-06 a Monday in summer (UTC+2).
  const berlin = (start: string, end: string) => [
    `DTSTART;TZID=Europe/Berlin:${start}`,
    `DTEND;TZID=Europe/Berlin:${end}`,
  ];
  const MO_WE = 'RRULE:FREQ=WEEKLY;BYDAY=MO,WE';
  it.each([
    {
      // Berlin 22:00-02:00 is 21:00-01:00 UTC in winter (UTC+1) and 20:00-00:00 in summer (UTC+2):
      // only 21:00-00:00 lies inside the agreed hours all year.
      name: 'a Berlin (TZID) event first held in winter, on a UTC policy',
      lines: [...berlin('20260112T220000', '20260113T020000'), MO_WE],
      zone: 'UTC',
      window: weekly([1, 3], '21:00', '00:00'),
    },
    {
      name: 'the same event on a Berlin policy',
      lines: [...berlin('20260112T220000', '20260113T020000'), MO_WE],
      zone: 'Europe/Berlin',
      window: weekly([1, 3], '22:00', '02:00'),
    },
    {
      name: 'a Berlin event first held in summer, on a UTC policy',
      lines: [...berlin('20260706T220000', '20260707T020000'), MO_WE],
      zone: 'UTC',
      window: weekly([1, 3], '21:00', '00:00'),
    },
    {
      // 20:00-22:00 UTC that summer's day, 21:00-23:00 in winter.
      name: 'a Berlin event first held on the day the clocks go forward, on a UTC policy',
      lines: [...berlin('20260329T220000', '20260330T000000'), 'RRULE:FREQ=WEEKLY'],
      zone: 'UTC',
      window: weekly([0], '21:00', '22:00'),
    },
    {
      name: 'a UTC event that crosses midnight into the next day on a Tokyo policy',
      lines: ['DTSTART:20260112T230000Z', 'DTEND:20260113T010000Z', 'RRULE:FREQ=WEEKLY;BYDAY=MO,FR'],
      zone: 'Asia/Tokyo',
      window: weekly([2, 6], '08:00', '10:00'),
    },
    {
      // 23:30-01:30 UTC in winter, 22:30-00:30 in summer: both start the day before.
      name: 'a Berlin event just after midnight, back into the day before on a UTC policy',
      lines: [...berlin('20260111T003000', '20260111T023000'), 'RRULE:FREQ=WEEKLY;BYDAY=SU,WE'],
      zone: 'UTC',
      window: weekly([2, 6], '23:30', '00:30'),
    },
    {
      // 00:30-02:30 UTC in winter, 23:30-01:30 the day before in summer: the window keeps the
      // winter start, so its days are Berlin's.
      name: 'a Berlin event whose summer start falls the day before on a UTC policy',
      lines: [...berlin('20260111T013000', '20260111T033000'), 'RRULE:FREQ=WEEKLY;BYDAY=SU,WE'],
      zone: 'UTC',
      window: weekly([0, 3], '00:30', '01:30'),
    },
    {
      // 20:00-23:00 UTC is 21:00-00:00 in Berlin in winter and 22:00-01:00 in summer.
      name: 'a UTC event on a Berlin policy',
      lines: ['DTSTART:20260112T200000Z', 'DTEND:20260112T230000Z', 'RRULE:FREQ=WEEKLY;BYDAY=MO'],
      zone: 'Europe/Berlin',
      window: weekly([1], '22:00', '00:00'),
    },
    {
      // Paris and Berlin change their clocks together: nothing to narrow.
      name: 'a Paris event on a Berlin policy',
      lines: [
        'DTSTART;TZID=Europe/Paris:20260112T220000',
        'DTEND;TZID=Europe/Paris:20260113T020000',
        'RRULE:FREQ=WEEKLY;BYDAY=MO',
      ],
      zone: 'Europe/Berlin',
      window: weekly([1], '22:00', '02:00'),
    },
    {
      // 16:00-20:00 in New York most of the year, but 17:00-21:00 in the weeks New York keeps
      // summer time and Berlin does not (from 8 to 29 March 2026, from 25 October to 1 November).
      name: 'a Berlin event on a New York policy, zones that change their clocks on different dates',
      lines: [...berlin('20260112T220000', '20260113T020000'), 'RRULE:FREQ=WEEKLY;BYDAY=MO'],
      zone: 'America/New_York',
      window: weekly([1], '17:00', '20:00'),
    },
    {
      name: 'BYDAY with several days',
      lines: ['DTSTART:20260112T180000Z', 'DTEND:20260112T200000Z', 'RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
      zone: 'UTC',
      window: weekly([1, 2, 3, 4, 5], '18:00', '20:00'),
    },
    {
      name: 'no BYDAY: the weekday of DTSTART (a Thursday)',
      lines: ['DTSTART:20260115T180000Z', 'DTEND:20260115T200000Z', 'RRULE:FREQ=WEEKLY'],
      zone: 'UTC',
      window: weekly([4], '18:00', '20:00'),
    },
    {
      name: 'DURATION instead of DTEND',
      lines: ['DTSTART;TZID=Europe/Berlin:20260112T230000', 'DURATION:PT3H30M', 'RRULE:FREQ=WEEKLY;BYDAY=MO'],
      zone: 'Europe/Berlin',
      window: weekly([1], '23:00', '02:30'),
    },
    {
      // Added to the start as written: 21:59:30 plus an hour is 22:59:30, so the end is 22:59.
      name: 'DURATION after a start with seconds',
      lines: ['DTSTART:20260112T215930Z', 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY'],
      zone: 'UTC',
      window: weekly([1], '22:00', '22:59'),
    },
    {
      name: 'DAILY: every day of the week',
      lines: ['DTSTART:20260112T010000Z', 'DTEND:20260112T020000Z', 'RRULE:FREQ=DAILY'],
      zone: 'UTC',
      window: weekly([0, 1, 2, 3, 4, 5, 6], '01:00', '02:00'),
    },
    {
      name: 'DAILY with BYDAY: those days',
      lines: ['DTSTART:20260117T010000Z', 'DTEND:20260117T020000Z', 'RRULE:FREQ=DAILY;BYDAY=SA,SU'],
      zone: 'UTC',
      window: weekly([0, 6], '01:00', '02:00'),
    },
    {
      name: "a floating time (no TZID, no Z): already the policy's clock",
      lines: ['DTSTART:20260112T220000', 'DTEND:20260112T235900', 'RRULE:FREQ=WEEKLY;BYDAY=MO'],
      zone: 'America/New_York',
      window: weekly([1], '22:00', '23:59'),
    },
    {
      name: "Outlook's Windows zone name, converted by the file's VTIMEZONE",
      zones: W_EUROPE,
      lines: [
        'DTSTART;TZID=W. Europe Standard Time:20260706T220000',
        'DTEND;TZID=W. Europe Standard Time:20260707T000000',
        'RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO',
      ],
      zone: 'UTC',
      // 20:00-22:00 UTC in summer, 21:00-23:00 in winter.
      window: weekly([1], '21:00', '22:00'),
    },
    {
      name: 'seconds, rounded inwards to whole minutes',
      lines: ['DTSTART:20260112T215930Z', 'DTEND:20260112T230030Z', 'RRULE:FREQ=WEEKLY'],
      zone: 'UTC',
      window: weekly([1], '22:00', '23:00'),
    },
  ])('reads $name', ({ zones = [], lines, zone, window }) => {
    expect(windowsOf(calendar(zones, vevent(...lines)), zone)).toEqual([window]);
  });

  it.each([
    {
      name: 'monthly',
      rule: 'RRULE:FREQ=MONTHLY;BYDAY=2TU',
      reason: 'monthly recurrence: Patchwise windows repeat weekly',
    },
    { name: 'yearly', rule: 'RRULE:FREQ=YEARLY', reason: 'yearly recurrence: Patchwise windows repeat weekly' },
    { name: 'hourly', rule: 'RRULE:FREQ=HOURLY', reason: 'hourly recurrence: Patchwise windows repeat weekly' },
    {
      name: 'fortnightly',
      rule: 'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO',
      reason: 'repeats every 2 weeks: Patchwise windows repeat every week',
    },
    {
      name: 'every other day',
      rule: 'RRULE:FREQ=DAILY;INTERVAL=2',
      reason: 'repeats every 2 days: Patchwise windows repeat every week',
    },
    {
      name: 'a series that ends on a date',
      rule: 'RRULE:FREQ=WEEKLY;UNTIL=20260301T000000Z',
      reason: 'the series ends (UNTIL 2026-03-01T00:00:00Z): Patchwise windows have no end',
    },
    {
      name: 'a series that ends after a count',
      rule: 'RRULE:FREQ=WEEKLY;COUNT=10',
      reason: 'the series ends after 10 times (COUNT): Patchwise windows have no end',
    },
    {
      name: 'a series narrowed to some months',
      rule: 'RRULE:FREQ=WEEKLY;BYDAY=MO;BYMONTH=1,2',
      reason: 'its RRULE narrows the series with BYMONTH, which a weekly window cannot express',
    },
    {
      name: 'a numbered weekday',
      rule: 'RRULE:FREQ=WEEKLY;BYDAY=1MO',
      reason: 'BYDAY=1MO picks one weekday of a month: Patchwise windows repeat weekly',
    },
    { name: 'a rule without FREQ', rule: 'RRULE:BYDAY=MO', reason: 'its recurrence rule (RRULE) has no FREQ' },
  ])('skips $name', ({ rule, reason }) => {
    const text = calendar(vevent('SUMMARY:Window', 'DTSTART:20260112T220000Z', 'DTEND:20260112T230000Z', rule));
    expect(windowsFromICalendar(text, 'UTC')).toEqual({ windows: [], skipped: [{ event: 'Window', reason }] });
  });

  const WEEKLY = 'RRULE:FREQ=WEEKLY';
  it.each([
    {
      name: 'a one-off event',
      lines: ['DTSTART:20260112T220000Z', 'DTEND:20260112T230000Z'],
      reason: 'one-off event (no RRULE): Patchwise windows repeat weekly',
    },
    {
      name: 'an all-day event',
      lines: ['DTSTART;VALUE=DATE:20260112', 'DTEND;VALUE=DATE:20260113', WEEKLY],
      reason: 'all-day event: a Patchwise window runs between two times of day',
    },
    {
      name: 'an event of exactly 24 h',
      lines: ['DTSTART:20260112T220000Z', 'DTEND:20260113T220000Z', WEEKLY],
      reason: 'lasts 24 h: a Patchwise window is shorter than a day',
    },
    {
      name: 'an event longer than a day',
      lines: ['DTSTART:20260112T220000Z', 'DURATION:PT25H30M', WEEKLY],
      reason: 'lasts 25 h 30 min: a Patchwise window is shorter than a day',
    },
    {
      name: 'an event that ends before it starts',
      lines: ['DTSTART:20260112T220000Z', 'DTEND:20260112T210000Z', WEEKLY],
      reason: 'ends when or before it starts',
    },
    { name: 'an event with no end', lines: ['DTSTART:20260112T220000Z', WEEKLY], reason: 'no end (DTEND or DURATION)' },
    { name: 'an event with no start', lines: ['DTEND:20260112T230000Z', WEEKLY], reason: 'no start (DTSTART)' },
    {
      name: 'an end that is a date',
      lines: ['DTSTART:20260112T220000Z', 'DTEND;VALUE=DATE:20260113', WEEKLY],
      reason: 'its end (DTEND) is a date without a time',
    },
    {
      // 23 h from midnight to midnight on the day Berlin's clocks go forward.
      name: 'an event that is a whole day on the clock of the policy',
      lines: ['DTSTART;TZID=Europe/Berlin:20260329T000000', 'DTEND;TZID=Europe/Berlin:20260330T000000', WEEKLY],
      zone: 'Europe/Berlin',
      reason: 'starts and ends at 00:00 in Europe/Berlin: a Patchwise window is shorter than a day',
    },
    {
      // 00:00-01:00 UTC in winter, 23:00-00:00 in summer.
      name: 'an event with no hour inside it all year on the clock of the policy',
      lines: ['DTSTART;TZID=Europe/Berlin:20260112T010000', 'DTEND;TZID=Europe/Berlin:20260112T020000', WEEKLY],
      reason: `on the UTC clock its hours move by 1 h over the year (its zone and the policy's change their clocks at different times), and no hour lies inside it all year`,
    },
    {
      name: 'a start that is not a time',
      lines: ['DTSTART;VALUE=TEXT:next Monday', 'DTEND:20260112T230000Z', WEEKLY],
      reason: 'its DTSTART is not a date or time',
    },
    {
      name: 'a recurrence rule that is not one',
      lines: ['DTSTART:20260112T220000Z', 'DTEND:20260112T230000Z', 'RRULE;VALUE=TEXT:every Monday'],
      reason: 'its recurrence rule (RRULE) cannot be read',
    },
    {
      name: 'a time zone the file does not define',
      lines: [
        'DTSTART;TZID=W. Europe Standard Time:20260112T220000',
        'DTEND;TZID=W. Europe Standard Time:20260112T230000',
        WEEKLY,
      ],
      reason: 'its time zone "W. Europe Standard Time" is neither an IANA zone nor defined in the file (VTIMEZONE)',
    },
    {
      name: 'a cancelled event',
      lines: ['STATUS:CANCELLED', 'DTSTART:20260112T220000Z', 'DTEND:20260112T230000Z', WEEKLY],
      reason: 'cancelled (STATUS:CANCELLED)',
    },
    {
      name: 'one changed occurrence of a series',
      lines: ['RECURRENCE-ID:20260112T220000Z', 'DTSTART:20260113T220000Z', 'DTEND:20260113T230000Z'],
      reason: 'changes one occurrence of a series (RECURRENCE-ID): the window comes from the series itself',
    },
    {
      name: 'two recurrence rules',
      lines: ['DTSTART:20260112T220000Z', 'DTEND:20260112T230000Z', WEEKLY, 'RRULE:FREQ=DAILY'],
      reason: '2 recurrence rules (RRULE): a weekly window is one rule',
    },
    {
      name: 'a start ical.js cannot read',
      lines: ['DTSTART:20260112T22', 'DTEND:20260112T230000Z', WEEKLY],
      reason: 'could not be read: invalid date-time value: "2026-01-12T22::"',
    },
  ])('skips $name', ({ lines, zone = 'UTC', reason }) => {
    const text = calendar(vevent('SUMMARY:Window', ...lines));
    expect(windowsFromICalendar(text, zone)).toEqual({ windows: [], skipped: [{ event: 'Window', reason }] });
  });

  it.each([
    { name: 'its SUMMARY', lines: ['SUMMARY:DB window', 'UID:abc@example.org'], event: 'DB window' },
    { name: 'its UID when it has no SUMMARY', lines: ['UID:abc@example.org'], event: 'abc@example.org' },
    { name: 'its place in the file when it has neither', lines: [], event: 'event 2' },
  ])('names a skipped event by $name', ({ lines, event }) => {
    const text = calendar(
      vevent('SUMMARY:First', 'DTSTART:20260112T220000Z'),
      vevent(...lines, 'DTSTART:20260112T220000Z'),
    );
    expect(windowsFromICalendar(text, 'UTC').skipped[1]).toEqual({
      event,
      reason: 'one-off event (no RRULE): Patchwise windows repeat weekly',
    });
  });

  it('never allows patching outside the agreed hours when the zones change their clocks apart', () => {
    // Agreed: 22:00 to 02:00 in Berlin. Berlin is UTC+1 in winter, so that is 21:00-01:00 UTC;
    // and UTC+2 in summer, so 20:00-00:00 UTC. UTC has no summer time, so a UTC window must hold
    // only what both hold: from the later start, 21:00, to the earlier end, 00:00. 21:00-01:00 (the
    // winter reading) would patch until 03:00 Berlin in summer; 20:00-00:00 (the summer reading)
    // from 21:00 Berlin in winter. The days stay Tuesday and Thursday: 21:00 UTC is the same day.
    const tuesdays = 'RRULE:FREQ=WEEKLY;BYDAY=TU,TH';
    for (const [start, end] of [
      ['20260113T220000', '20260114T020000'],
      ['20260714T220000', '20260715T020000'],
    ] as const) {
      const text = calendar(vevent(...berlin(start, end), tuesdays));
      expect(windowsOf(text, 'UTC')).toEqual([weekly([2, 4], '21:00', '00:00')]);
    }
  });

  it('merges windows with the same times, joining their days, and sorts them by start', () => {
    const at = (day: string, start: string, end: string) =>
      vevent(`DTSTART:202601${day}T${start}00Z`, `DTEND:202601${day}T${end}00Z`, 'RRULE:FREQ=WEEKLY');
    // Wednesday, Monday and Monday again 22:00 to 23:00, Saturday 06:00 to 10:00.
    const text = calendar(
      at('14', '2200', '2300'),
      at('12', '2200', '2300'),
      at('12', '2200', '2300'),
      at('17', '0600', '1000'),
    );
    expect(windowsOf(text, 'UTC')).toEqual([weekly([6], '06:00', '10:00'), weekly([1, 3], '22:00', '23:00')]);
  });

  it('reads a file with a byte order mark and two calendars in it', () => {
    const event = vevent('DTSTART:20260112T220000Z', 'DTEND:20260112T230000Z', 'RRULE:FREQ=WEEKLY');
    const other = vevent('DTSTART:20260113T220000Z', 'DTEND:20260113T230000Z', 'RRULE:FREQ=WEEKLY');
    expect(windowsOf(`\uFEFF${calendar(event)}${calendar(other)}`, 'UTC')).toEqual([weekly([1, 2], '22:00', '23:00')]);
  });

  const SKIPPED_FROM_EXPORT = [
    {
      event: 'Patch window – application servers',
      reason: 'changes one occurrence of a series (RECURRENCE-ID): the window comes from the series itself',
    },
    {
      event: 'Database maintenance',
      reason: 'the series ends (UNTIL 2026-03-01T22:59:59Z): Patchwise windows have no end',
    },
    { event: 'Monthly patch review', reason: 'monthly recurrence: Patchwise windows repeat weekly' },
    { event: 'Hypervisor cluster patching', reason: 'repeats every 2 weeks: Patchwise windows repeat every week' },
    { event: 'Change freeze (year end)', reason: 'all-day event: a Patchwise window runs between two times of day' },
    { event: 'Core switch firmware upgrade', reason: 'one-off event (no RRULE): Patchwise windows repeat weekly' },
  ];
  it.each([
    {
      zone: 'Europe/Berlin',
      windows: [
        weekly([0, 1, 2, 3, 4, 5, 6], '01:00', '02:00'),
        weekly([0], '03:00', '05:00'),
        weekly([2, 4], '22:00', '02:00'),
      ],
      skipped: SKIPPED_FROM_EXPORT,
    },
    {
      // The hours inside each series in winter (UTC+1) and in summer (UTC+2): Sunday's 03:00-05:00
      // is 02:00-04:00 and 01:00-03:00; Tuesday's and Thursday's 22:00-02:00 is 21:00-01:00 and
      // 20:00-00:00; the nightly 01:00-02:00 is 00:00-01:00 and 23:00-00:00, no hour in both.
      zone: 'UTC',
      windows: [weekly([0], '02:00', '03:00'), weekly([2, 4], '21:00', '00:00')],
      skipped: [
        ...SKIPPED_FROM_EXPORT.slice(0, 2),
        {
          event: 'Nightly reboot slot – test ring',
          reason: `on the UTC clock its hours move by 1 h over the year (its zone and the policy's change their clocks at different times), and no hour lies inside it all year`,
        },
        ...SKIPPED_FROM_EXPORT.slice(2),
      ],
    },
  ])('reads a Google Calendar export on a $zone policy', ({ zone, windows, skipped }) => {
    const result = windowsFromICalendar(GOOGLE_EXPORT, zone);
    expect(weeklyWindowSchema.array().parse(result.windows)).toEqual(windows);
    expect(result.skipped).toEqual(skipped);
  });

  const NOT_ICALENDAR = 'This is not an iCalendar file (.ics): it does not start with BEGIN:VCALENDAR';
  const NO_EVENTS = 'The calendar has no events (VEVENT), so it holds no maintenance windows';
  it.each([
    { name: 'plain text', text: 'Patch on Tuesdays 22:00 to 02:00', message: NOT_ICALENDAR },
    { name: 'an empty file', text: '', message: NOT_ICALENDAR },
    { name: 'JSON', text: '{"windows":[]}', message: NOT_ICALENDAR },
    { name: 'a vCard', text: 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ops\r\nEND:VCARD\r\n', message: NOT_ICALENDAR },
    {
      name: 'a calendar cut short',
      text: 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260112T220000Z\r\n',
      message: 'The iCalendar file cannot be read: invalid ical body. component began but did not end',
    },
    {
      name: 'a calendar followed by a vCard',
      text: `${calendar(vevent('DTSTART:20260112T220000Z'))}BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ops\r\nEND:VCARD\r\n`,
      message: 'The file holds a VCARD besides its calendar',
    },
    { name: 'a calendar with no events', text: calendar(), message: NO_EVENTS },
    {
      name: 'a calendar of tasks only',
      text: calendar(['BEGIN:VTODO', 'SUMMARY:Patch the NAS', 'END:VTODO']),
      message: NO_EVENTS,
    },
  ])('refuses $name', ({ text, message }) => {
    expect(refusal(() => windowsFromICalendar(text, 'UTC'))).toEqual({ code: 'invalid_input', message });
  });

  it('refuses a policy time zone the platform does not know', () => {
    expect(refusal(() => windowsFromICalendar(GOOGLE_EXPORT, 'Mars/Olympus_Mons'))).toEqual({
      code: 'invalid_input',
      message: 'The time zone "Mars/Olympus_Mons" is not known here',
    });
  });
});
