import { describe, expect, it } from 'vitest';
import type { ServiceGraph } from '../../src/shared/domain/graph';
import type { WeeklyWindow } from '../../src/shared/domain/plan';
import { hostsIn, plan, SHOP, START, windowsOf } from './planner-graphs';

const EMPTY: ServiceGraph = { services: [], edges: [] };
const hosts = (count: number) =>
  hostsIn('test', ...Array.from({ length: count }, (_, i) => `h${String(i + 1).padStart(2, '0')}`));
const weekly = (days: number[], start: string, end: string): WeeklyWindow => ({ days, start, end });

/** One host per batch, so the batches show the slots one after another. */
function slots(count: number, windows: WeeklyWindow[], batchMinutes: number, start: string, timeZone = 'UTC') {
  const result = plan(hosts(count), EMPTY, { maxConcurrent: 1, windows, batchMinutes, timeZone }, new Date(start));
  return windowsOf(result).map((slot) => slot.split(' ')[0]);
}

describe('maintenance windows', () => {
  it('runs batches back to back from the start when there are no windows', () => {
    expect(windowsOf(plan(hosts(3), EMPTY, { maxConcurrent: 1, batchMinutes: 45 }))).toEqual([
      '2026-11-26T20:00:00.000Z 2026-11-26T20:45:00.000Z',
      '2026-11-26T20:45:00.000Z 2026-11-26T21:30:00.000Z',
      '2026-11-26T21:30:00.000Z 2026-11-26T22:15:00.000Z',
    ]);
  });

  it('starts at once inside an open window and waits for the next one when it closes', () => {
    expect(slots(4, [weekly([4], '19:00', '23:00')], 60, START.toISOString())).toEqual([
      '2026-11-26T20:00:00.000Z',
      '2026-11-26T21:00:00.000Z',
      '2026-11-26T22:00:00.000Z',
      '2026-12-03T19:00:00.000Z',
    ]);
  });

  it('runs a window past midnight when its end is before its start', () => {
    // Monday 23:00 to Tuesday 01:00.
    expect(slots(3, [weekly([1], '23:00', '01:00')], 60, START.toISOString())).toEqual([
      '2026-11-30T23:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
      '2026-12-07T23:00:00.000Z',
    ]);
  });

  it('fits a batch wholly inside one window, never across two that touch', () => {
    const windows = [weekly([4], '20:00', '20:45'), weekly([4], '20:45', '22:00')];
    expect(slots(2, windows, 60, START.toISOString())).toEqual([
      '2026-11-26T20:45:00.000Z',
      '2026-12-03T20:45:00.000Z',
    ]);
  });

  it('leaves every host unplaced when no window can hold a batch', () => {
    const result = plan(hosts(2), EMPTY, { windows: [weekly([1, 2, 3, 4, 5], '22:00', '23:00')], batchMinutes: 90 });
    expect(result.rings).toEqual([]);
    const reason = 'no allowed window can hold a 90-minute batch: the longest is 60 minutes';
    expect(result.unplaced).toEqual([
      { host: 'h01', reason },
      { host: 'h02', reason },
    ]);
  });

  it('leaves every host unplaced, saying why, when the time zone is unknown', () => {
    const result = plan(hosts(1), EMPTY, { windows: [weekly([1], '22:00', '23:00')], timeZone: 'Mars/Olympus' });
    expect(result.unplaced).toEqual([
      { host: 'h01', reason: 'the time zone Mars/Olympus is not known here, so no window can be placed' },
    ]);
  });

  it('gives a ring that waits for approval provisional times after the rings before it', () => {
    const result = plan(SHOP.hosts, SHOP.graph, { windows: [weekly([4], '20:00', '23:00')], batchMinutes: 60 });
    const critical = result.rings.find((ring) => ring.name === 'critical');
    expect(critical?.approval).toBe(true);
    // Three one-hour batches a Thursday: search1, db2, api1; api2, web1, web2; then db1 and lb1.
    expect(critical?.batches.map((batch) => batch.window.start)).toEqual([
      '2026-12-10T20:00:00.000Z',
      '2026-12-10T21:00:00.000Z',
    ]);
  });
});

describe('windows across daylight saving changes in Europe/Berlin', () => {
  const saturdayNight = [weekly([6], '22:00', '06:00')];

  it('has an hour less on the night the clocks go forward', () => {
    // Saturday 22:00 CET is 21:00 UTC; Sunday 06:00 is CEST by then, 04:00 UTC: seven hours.
    expect(slots(8, saturdayNight, 60, '2026-03-28T00:00:00Z', 'Europe/Berlin')).toEqual([
      '2026-03-28T21:00:00.000Z',
      '2026-03-28T22:00:00.000Z',
      '2026-03-28T23:00:00.000Z',
      '2026-03-29T00:00:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-29T02:00:00.000Z',
      '2026-03-29T03:00:00.000Z',
      // The next Saturday is in summer time: 22:00 CEST is 20:00 UTC.
      '2026-04-04T20:00:00.000Z',
    ]);
  });

  it('has an hour more on the night the clocks go back', () => {
    // Saturday 22:00 CEST is 20:00 UTC; Sunday 06:00 CET is 05:00 UTC: nine hours.
    const found = slots(10, saturdayNight, 60, '2026-10-24T00:00:00Z', 'Europe/Berlin');
    expect(found.slice(0, 1)).toEqual(['2026-10-24T20:00:00.000Z']);
    expect(found.slice(8)).toEqual(['2026-10-25T04:00:00.000Z', '2026-10-31T21:00:00.000Z']);
  });

  it('opens a window that starts in the skipped hour when the clock jumps', () => {
    // 02:30 does not happen on 29 March: the window opens at 03:00 CEST (01:00 UTC), ends 04:00 CEST.
    expect(slots(3, [weekly([0], '02:30', '04:00')], 30, '2026-03-29T00:00:00Z', 'Europe/Berlin')).toEqual([
      '2026-03-29T01:00:00.000Z',
      '2026-03-29T01:30:00.000Z',
      '2026-04-05T00:30:00.000Z',
    ]);
  });

  it('opens a window that starts in the repeated hour at its first showing', () => {
    // 02:30 happens twice on 25 October: first at 00:30 UTC (CEST); 03:30 CET is 02:30 UTC.
    expect(slots(5, [weekly([0], '02:30', '03:30')], 30, '2026-10-25T00:00:00Z', 'Europe/Berlin')).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T01:00:00.000Z',
      '2026-10-25T01:30:00.000Z',
      '2026-10-25T02:00:00.000Z',
      '2026-11-01T01:30:00.000Z',
    ]);
  });
});
