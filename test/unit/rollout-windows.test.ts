import { describe, expect, it, onTestFinished } from 'vitest';
import type { RunPolicy } from '../../src/main/domain/rollout/model';
import { batchStartAt } from '../../src/main/domain/rollout/window-wait';
import { createFakeHosts, fakeWorld } from './rollout-fake-hosts';
import { openRollouts, plan, ring } from './rollout-fixtures';
import { admin, tempDir } from './support';

const at = (iso: string): number => Date.parse(iso);
// Saturday night 22:00 to Sunday 04:00, UTC; batches of 30 minutes.
const SATURDAY_NIGHTS = { windows: [{ days: [6], start: '22:00', end: '04:00' }], timeZone: 'UTC', batchMinutes: 30 };
const WEEKEND: RunPolicy = { failureThreshold: 0, windows: SATURDAY_NIGHTS };
const SLOT = { start: '2026-11-28T22:00:00.000Z', end: '2026-11-28T22:30:00.000Z' };

describe('when a batch may start', () => {
  it.each<[string, number, RunPolicy, ReturnType<typeof batchStartAt>]>([
    ['before its slot: at the slot', at('2026-11-27T15:00:00Z'), WEEKEND, { at: at(SLOT.start) }],
    ['inside its slot: now', at('2026-11-28T22:10:00Z'), WEEKEND, { at: at('2026-11-28T22:10:00Z') }],
    [
      'its slot passed (a pause): the next the windows allow, a week on',
      at('2026-11-30T10:00:00Z'),
      WEEKEND,
      { at: at('2026-12-05T22:00:00Z') },
    ],
    [
      'scheduled for later, no windows: then',
      at('2026-11-27T15:00:00Z'),
      { failureThreshold: 0, notBefore: '2026-11-27T20:00:00.000Z' },
      { at: at('2026-11-27T20:00:00Z') },
    ],
    [
      'scheduled past its slot: the next window from then',
      at('2026-11-27T15:00:00Z'),
      { ...WEEKEND, notBefore: '2026-11-29T08:00:00.000Z' },
      { at: at('2026-12-05T22:00:00Z') },
    ],
    [
      'scheduled in the past: as if not',
      at('2026-11-28T22:10:00Z'),
      { ...WEEKEND, notBefore: '2026-11-01T00:00:00.000Z' },
      { at: at('2026-11-28T22:10:00Z') },
    ],
    [
      'no windows: now',
      at('2026-11-27T15:00:00Z'),
      { failureThreshold: 0, windows: { windows: [], timeZone: 'UTC', batchMinutes: 30 } },
      { at: at('2026-11-27T15:00:00Z') },
    ],
    [
      'a rollout started before windows were kept: now',
      at('2026-11-27T15:00:00Z'),
      { failureThreshold: 0 },
      { at: at('2026-11-27T15:00:00Z') },
    ],
    [
      'windows too short for a batch: never, with why',
      at('2026-11-30T10:00:00Z'),
      { ...WEEKEND, windows: { ...SATURDAY_NIGHTS, batchMinutes: 600 } },
      { never: 'no allowed window can hold a 600-minute batch: the longest is 360 minutes' },
    ],
  ])('%s', (_, now, policy, expected) => {
    expect(batchStartAt(SLOT, now, policy)).toEqual(expected);
  });
});

describe('a batch waits for its maintenance window', () => {
  it('starts no host before its slot opens', async () => {
    const world = fakeWorld(['a']);
    const fake = createFakeHosts({ world });
    const under = openRollouts(tempDir(), fake.actions);
    onTestFinished(() => {
      under.close();
    });
    // A window all day every day, so the planned slot (opening 300 ms from now) is what holds it.
    const opens = new Date(Date.now() + 300);
    const slot = { start: opens.toISOString(), end: new Date(opens.getTime() + 30 * 60_000).toISOString() };
    const waiting = plan(ring('test', []));
    waiting.rings[0]?.batches.push({
      hosts: ['a'],
      services: [],
      layer: 0,
      window: slot,
      switchovers: [],
      canary: false,
    });
    const policy: RunPolicy = {
      failureThreshold: 0,
      windows: {
        windows: [{ days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '00:00' }],
        timeZone: 'UTC',
        batchMinutes: 30,
      },
    };
    const { rolloutId, done } = under.engine.start({ plan: waiting, policy, graphVersion: 1 }, admin);
    await done;
    const [first] = under.engine.steps(rolloutId, 'a');
    expect(first?.step).toBe('precheck');
    expect(Date.parse(first?.startedAt ?? '')).toBeGreaterThanOrEqual(opens.getTime());
    expect(under.engine.rollout(rolloutId).state.status).toBe('done');
  });
});
