import type { Plan } from '../../../shared/domain/plan';
import { AppError } from '../../../shared/result';
import type { Cursor, RolloutAction, RolloutEvent, RolloutState, RunPolicy } from './model';

export interface RolloutTransition {
  state: RolloutState;
  actions: RolloutAction[];
}

/** What the machine reads of a plan: rings in order, their gates, their batches. */
export type PlanShape = Pick<Plan, 'rings'>;

const refuse = (message: string): never => {
  throw new AppError('conflict', message);
};

/** The first batch at or after `from`, skipping rings without batches; null past the end. */
function batchFrom(plan: PlanShape, from: Cursor): Cursor | null {
  for (let ring = from.ring; ring < plan.rings.length; ring++) {
    const start = ring === from.ring ? from.batch : 0;
    if (start < (plan.rings[ring]?.batches.length ?? 0)) return { ring, batch: start };
  }
  return null;
}

const ringName = (plan: PlanShape, ring: number): string => plan.rings[ring]?.name ?? `#${String(ring + 1)}`;

/** Entering `at`: a ring with a gate waits for approval when it is entered, not within it. */
function enter(plan: PlanShape, at: Cursor | null, gate: boolean): RolloutTransition {
  if (!at) {
    const state: RolloutState = {
      status: 'done',
      cursor: { ring: plan.rings.length, batch: 0 },
      resumeTo: null,
      reason: null,
    };
    return { state, actions: [] };
  }
  if (gate && plan.rings[at.ring]?.approval) {
    const reason = `Ring ${ringName(plan, at.ring)} waits for approval`;
    return {
      state: { status: 'awaiting-approval', cursor: at, resumeTo: null, reason },
      actions: [{ kind: 'await-approval', ring: at.ring }],
    };
  }
  return {
    state: { status: 'running', cursor: at, resumeTo: null, reason: null },
    actions: [{ kind: 'run-batch', cursor: at }],
  };
}

/** A new rollout of `plan`: its first batch runs, or waits for its ring's approval. */
export function initialRollout(plan: PlanShape): RolloutTransition {
  return enter(plan, batchFrom(plan, { ring: 0, batch: 0 }), true);
}

/** What follows the batch at `cursor` with this many failures, as if the rollout were running. */
function afterBatch(plan: PlanShape, policy: RunPolicy, cursor: Cursor, failures: number): RolloutTransition {
  const batch = plan.rings[cursor.ring]?.batches[cursor.batch];
  if (!batch) return refuse(`The plan has no batch ${String(cursor.batch + 1)} in ring ${ringName(plan, cursor.ring)}`);
  const threshold = batch.canary ? 0 : policy.failureThreshold;
  if (failures > threshold) {
    const reason =
      `${String(failures)} of ${String(batch.hosts.length)} hosts failed in batch ${String(cursor.batch + 1)} of ring ` +
      `${ringName(plan, cursor.ring)}, more than the ${batch.canary ? 'canary allows (0)' : `threshold (${String(threshold)})`}`;
    return { state: { status: 'halted', cursor, resumeTo: null, reason }, actions: [{ kind: 'skip-pending', reason }] };
  }
  const next = batchFrom(plan, { ring: cursor.ring, batch: cursor.batch + 1 });
  return enter(plan, next, next !== null && next.ring !== cursor.ring);
}

const paused = (state: RolloutState, resumeTo: RolloutState['resumeTo'], reason: string): RolloutTransition => ({
  state: { ...state, status: 'paused', resumeTo, reason },
  actions: [{ kind: 'hold' }],
});

/**
 * The rollout state machine. Every event not in its table is refused (AppError `conflict`) with
 * the reason in words: approving a ring that is not waiting, resuming what is not paused,
 * cancelling what has ended.
 */
export function nextRollout(
  plan: PlanShape,
  policy: RunPolicy,
  state: RolloutState,
  event: RolloutEvent,
): RolloutTransition {
  const { status } = state;
  switch (event.type) {
    case 'approve': {
      if (status !== 'awaiting-approval') return refuse(`The rollout is ${status}; no ring is waiting for approval`);
      if (event.ring !== state.cursor.ring)
        return refuse(
          `Ring ${ringName(plan, event.ring)} is not waiting for approval; ring ${ringName(plan, state.cursor.ring)} is`,
        );
      return {
        state: { ...state, status: 'running', reason: null },
        actions: [{ kind: 'run-batch', cursor: state.cursor }],
      };
    }
    case 'pause':
      if (status !== 'running') return refuse(`Only a running rollout can be paused; this one is ${status}`);
      return paused(state, { status: 'running', reason: null }, event.reason);
    case 'resume': {
      if (status !== 'paused' || !state.resumeTo)
        return refuse(`Only a paused rollout can be resumed; this one is ${status}`);
      const { status: back, reason } = state.resumeTo;
      const actions: RolloutAction[] = [{ kind: 'wake' }];
      if (back === 'running') actions.push({ kind: 'run-batch', cursor: state.cursor });
      if (back === 'awaiting-approval') actions.push({ kind: 'await-approval', ring: state.cursor.ring });
      return { state: { ...state, status: back, resumeTo: null, reason }, actions };
    }
    case 'cancel':
      if (status !== 'running' && status !== 'paused' && status !== 'awaiting-approval')
        return refuse(`The rollout has already ended (${status}); there is nothing to cancel`);
      return {
        state: { ...state, status: 'cancelled', resumeTo: null, reason: event.reason },
        actions: [{ kind: 'skip-pending', reason: event.reason }, { kind: 'wake' }],
      };
    case 'roll-back': {
      if (status !== 'paused') return refuse(`Pause the rollout before rolling it back; it is ${status}`);
      const to = state.resumeTo?.status === 'halted' ? 'halted' : 'cancelled';
      return {
        state: { ...state, status: to, resumeTo: null, reason: event.reason },
        actions: [
          { kind: 'abort-hosts', reason: event.reason },
          { kind: 'skip-pending', reason: event.reason },
          { kind: 'wake' },
        ],
      };
    }
    case 'interrupted':
      if (status === 'done') return refuse('The rollout is done; nothing was interrupted');
      return paused(state, status === 'paused' ? state.resumeTo : { status, reason: state.reason }, event.reason);
    case 'batch-done': {
      if (status === 'halted' || status === 'cancelled') return { state, actions: [] };
      if (status !== 'running' && status !== 'paused') return refuse(`The rollout is ${status}; no batch is running`);
      const next = afterBatch(plan, policy, state.cursor, event.failures);
      if (status === 'running') return next;
      // Paused as the batch ended: the pause holds unless the rollout is over anyway.
      const { status: would, cursor, reason } = next.state;
      if (would === 'running' || would === 'awaiting-approval')
        return paused({ ...state, cursor }, { status: would, reason }, state.reason ?? 'Paused');
      return next;
    }
  }
}
