import { describe, expect, it } from 'vitest';
import type { RolloutEvent, RolloutState, RunPolicy } from '../../src/main/domain/rollout/model';
import { initialRollout, nextRollout } from '../../src/main/domain/rollout/rollout-machine';
import { batch, plan, ring, TWO_RINGS } from './rollout-fixtures';

const policy: RunPolicy = { failureThreshold: 1 };
const state = (
  status: RolloutState['status'],
  ringAt = 0,
  batchAt = 0,
  resumeTo: RolloutState['resumeTo'] = null,
  reason: string | null = null,
): RolloutState => ({ status, cursor: { ring: ringAt, batch: batchAt }, resumeTo, reason });

// Ring 0 "test": one batch of three. Ring 1 "critical", gated: a canary, then a batch of two.
const PLAN = plan(
  ring('test', [batch(['t1', 't2', 't3'])]),
  ring('critical', [batch(['c1'], true), batch(['c2', 'c3'])], true),
);
const back = (status: 'running' | 'awaiting-approval' | 'halted' | 'cancelled', reason: string | null = null) => ({
  status,
  reason,
});

describe('the rollout state machine', () => {
  it('starts with the first batch, or waits when the first ring is gated', () => {
    expect(initialRollout(PLAN).state).toEqual(state('running'));
    expect(initialRollout(plan(ring('critical', [batch(['c1'])], true))).state).toEqual(
      state('awaiting-approval', 0, 0, null, 'Ring critical waits for approval'),
    );
    expect(initialRollout(plan()).state.status).toBe('done');
  });

  it.each<[string, RolloutState, RolloutEvent, RolloutState]>([
    [
      'a batch within the threshold moves on to the gated ring',
      state('running'),
      { type: 'batch-done', failures: 1 },
      state('awaiting-approval', 1, 0, null, 'Ring critical waits for approval'),
    ],
    [
      'a batch over the threshold halts',
      state('running'),
      { type: 'batch-done', failures: 2 },
      state('halted', 0, 0, null, '2 of 3 hosts failed in batch 1 of ring test, more than the threshold (1)'),
    ],
    [
      'a failed canary halts whatever the threshold',
      state('running', 1, 0),
      { type: 'batch-done', failures: 1 },
      state('halted', 1, 0, null, '1 of 1 hosts failed in batch 1 of ring critical, more than the canary allows (0)'),
    ],
    [
      'a passing canary runs the next batch of its ring',
      state('running', 1, 0),
      { type: 'batch-done', failures: 0 },
      state('running', 1, 1),
    ],
    [
      'the last batch ends the rollout',
      state('running', 1, 1),
      { type: 'batch-done', failures: 0 },
      state('done', 2, 0),
    ],
    [
      'approving the waiting ring runs it',
      state('awaiting-approval', 1, 0, null, 'w'),
      { type: 'approve', ring: 1 },
      state('running', 1, 0),
    ],
    [
      'pause holds a running rollout',
      state('running'),
      { type: 'pause', reason: 'p' },
      state('paused', 0, 0, back('running'), 'p'),
    ],
    ['resume goes back to running', state('paused', 0, 0, back('running'), 'p'), { type: 'resume' }, state('running')],
    [
      'a batch that ends while paused moves the cursor; the pause holds',
      state('paused', 1, 0, back('running'), 'p'),
      { type: 'batch-done', failures: 0 },
      state('paused', 1, 1, back('running'), 'p'),
    ],
    [
      'a batch that ends while paused before a gate: resume leads to the gate',
      state('paused', 0, 0, back('running'), 'p'),
      { type: 'batch-done', failures: 0 },
      state('paused', 1, 0, back('awaiting-approval', 'Ring critical waits for approval'), 'p'),
    ],
    ['cancel from running', state('running'), { type: 'cancel', reason: 'c' }, state('cancelled', 0, 0, null, 'c')],
    [
      'cancel while waiting for approval',
      state('awaiting-approval', 1),
      { type: 'cancel', reason: 'c' },
      state('cancelled', 1, 0, null, 'c'),
    ],
    [
      'cancel while paused',
      state('paused', 0, 0, back('running'), 'p'),
      { type: 'cancel', reason: 'c' },
      state('cancelled', 0, 0, null, 'c'),
    ],
    [
      'a batch ending after a cancel changes nothing',
      state('cancelled', 0, 0, null, 'c'),
      { type: 'batch-done', failures: 3 },
      state('cancelled', 0, 0, null, 'c'),
    ],
    [
      'an interrupted run pauses',
      state('running', 1, 1),
      { type: 'interrupted', reason: 'i' },
      state('paused', 1, 1, back('running'), 'i'),
    ],
    [
      'an interrupted halt pauses, keeping why it halted',
      state('halted', 0, 0, null, 'h'),
      { type: 'interrupted', reason: 'i' },
      state('paused', 0, 0, back('halted', 'h'), 'i'),
    ],
    [
      'resuming it returns to halted with its reason',
      state('paused', 0, 0, back('halted', 'h'), 'i'),
      { type: 'resume' },
      state('halted', 0, 0, null, 'h'),
    ],
    [
      'an interrupted pause stays paused',
      state('paused', 0, 0, back('running'), 'p'),
      { type: 'interrupted', reason: 'i' },
      state('paused', 0, 0, back('running'), 'i'),
    ],
    [
      'roll back cancels',
      state('paused', 0, 0, back('running'), 'i'),
      { type: 'roll-back', reason: 'r' },
      state('cancelled', 0, 0, null, 'r'),
    ],
    [
      'roll back of a halted rollout stays halted',
      state('paused', 0, 0, back('halted', 'h'), 'i'),
      { type: 'roll-back', reason: 'r' },
      state('halted', 0, 0, null, 'r'),
    ],
  ])('%s', (_name, from, event, to) => {
    expect(nextRollout(PLAN, policy, from, event).state).toEqual(to);
  });

  it('tells the engine what to do', () => {
    expect(nextRollout(PLAN, policy, state('running'), { type: 'batch-done', failures: 2 }).actions).toEqual([
      { kind: 'skip-pending', reason: '2 of 3 hosts failed in batch 1 of ring test, more than the threshold (1)' },
    ]);
    expect(
      nextRollout(PLAN, policy, state('paused', 0, 0, back('running')), { type: 'roll-back', reason: 'r' }).actions,
    ).toEqual([{ kind: 'abort-hosts', reason: 'r' }, { kind: 'skip-pending', reason: 'r' }, { kind: 'wake' }]);
    expect(nextRollout(TWO_RINGS, policy, state('running'), { type: 'batch-done', failures: 0 }).actions).toEqual([
      { kind: 'await-approval', ring: 1 },
    ]);
  });

  it.each<[string, RolloutState, RolloutEvent, string]>([
    [
      'approving a ring that is not waiting',
      state('awaiting-approval', 1),
      { type: 'approve', ring: 0 },
      'Ring test is not waiting for approval; ring critical is',
    ],
    [
      'approving while running',
      state('running'),
      { type: 'approve', ring: 0 },
      'The rollout is running; no ring is waiting for approval',
    ],
    [
      'pausing while waiting for approval',
      state('awaiting-approval', 1),
      { type: 'pause', reason: 'p' },
      'Only a running rollout can be paused; this one is awaiting-approval',
    ],
    [
      'resuming a running rollout',
      state('running'),
      { type: 'resume' },
      'Only a paused rollout can be resumed; this one is running',
    ],
    [
      'cancelling a finished rollout',
      state('done', 2),
      { type: 'cancel', reason: 'c' },
      'The rollout has already ended (done); there is nothing to cancel',
    ],
    [
      'cancelling twice',
      state('cancelled'),
      { type: 'cancel', reason: 'c' },
      'The rollout has already ended (cancelled); there is nothing to cancel',
    ],
    [
      'rolling back a running rollout',
      state('running'),
      { type: 'roll-back', reason: 'r' },
      'Pause the rollout before rolling it back; it is running',
    ],
    [
      'a batch ending while none runs',
      state('awaiting-approval', 1),
      { type: 'batch-done', failures: 0 },
      'The rollout is awaiting-approval; no batch is running',
    ],
    [
      'interrupting a finished rollout',
      state('done', 2),
      { type: 'interrupted', reason: 'i' },
      'The rollout is done; nothing was interrupted',
    ],
  ])('refuses %s', (_name, from, event, message) => {
    expect(() => nextRollout(PLAN, policy, from, event)).toThrow(
      expect.objectContaining({ code: 'conflict', message }),
    );
  });
});
