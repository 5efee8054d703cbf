import type { Ring } from '../../../shared/domain/host';
import type { Plan } from '../../../shared/domain/plan';
import {
  ROLLOUT_HOST_PHASES,
  type RolloutHost,
  type RolloutStep,
  type RolloutSummary,
  type RolloutView,
} from '../../../shared/domain/rollout';

type Status = RolloutSummary['status'];
type Phase = RolloutHost['phase'];

/** The `state-*` colour a word is shown in (data.css). */
export type Tone = 'ok' | 'failed' | 'warning' | 'collecting' | 'queued' | 'cancelled';

export const STATUS_LABELS: Readonly<Record<Status, string>> = {
  'awaiting-approval': 'waiting for approval',
  running: 'running',
  paused: 'paused',
  halted: 'halted',
  cancelled: 'cancelled',
  done: 'done',
};

export const STATUS_TONES: Readonly<Record<Status, Tone>> = {
  'awaiting-approval': 'warning',
  running: 'collecting',
  paused: 'warning',
  halted: 'failed',
  cancelled: 'cancelled',
  done: 'ok',
};

export const PHASE_LABELS: Readonly<Record<Phase, string>> = {
  pending: 'pending',
  active: 'active',
  done: 'done',
  'rolled-back': 'rolled back',
  failed: 'failed',
  skipped: 'skipped',
};

export const PHASE_TONES: Readonly<Record<Phase, Tone>> = {
  pending: 'queued',
  active: 'collecting',
  done: 'ok',
  'rolled-back': 'warning',
  failed: 'failed',
  skipped: 'cancelled',
};

export const STEP_STATE_LABELS: Readonly<Record<RolloutStep['state'], string>> = {
  started: 'running',
  ok: 'ok',
  failed: 'failed',
};

export const STEP_STATE_TONES: Readonly<Record<RolloutStep['state'], Tone>> = {
  started: 'collecting',
  ok: 'ok',
  failed: 'failed',
};

/** A rollout is open until its engine wrote it finished: a halted one may still have hosts finishing. */
export const isOpen = (rollout: Pick<RolloutSummary, 'finishedAt'>): boolean => rollout.finishedAt === null;

/** A ring of the plan by its index, as the admin reads it. */
export const ringName = (plan: Pick<Plan, 'rings'>, ring: number): string =>
  plan.rings[ring]?.name ?? `#${String(ring + 1)}`;

/** What an admin may do to a rollout now; anything else the engine would refuse. */
export interface RolloutActions {
  /** The ring waiting for approval, when one is. */
  approve: Ring | null;
  pause: boolean;
  resume: boolean;
  cancel: boolean;
  /** Only a paused rollout: after an interruption, undo the hosts in flight instead of resuming. */
  rollBack: boolean;
}

const NO_ACTIONS: RolloutActions = { approve: null, pause: false, resume: false, cancel: false, rollBack: false };

export function actionsFor(rollout: Pick<RolloutView, 'status' | 'cursor' | 'plan'>): RolloutActions {
  switch (rollout.status) {
    case 'awaiting-approval':
      return { ...NO_ACTIONS, approve: rollout.plan.rings[rollout.cursor.ring]?.name ?? null, cancel: true };
    case 'running':
      return { ...NO_ACTIONS, pause: true, cancel: true };
    case 'paused':
      return { ...NO_ACTIONS, resume: true, cancel: true, rollBack: true };
    case 'halted':
    case 'cancelled':
    case 'done':
      return NO_ACTIONS;
  }
}

/** Whether any command applies: the rollout has not halted, been cancelled or ended. */
export function takesCommands(rollout: Pick<RolloutView, 'status' | 'cursor' | 'plan'>): boolean {
  const can = actionsFor(rollout);
  return can.approve !== null || can.pause || can.resume || can.cancel || can.rollBack;
}

/** A host's state in a word or two, with the step an active host is at: `active: patch`. */
export function hostStateText(host: Pick<RolloutHost, 'phase' | 'step' | 'path'>): string {
  if (host.phase !== 'active' || host.step === null) return PHASE_LABELS[host.phase];
  const heading = host.path === 'rollback' ? ' (rolling back)' : host.path === 'abort' ? ' (backing out)' : '';
  return `active: ${host.step}${heading}`;
}

/** What a host installs: `openssl 3.0.13-1` (`newest` when the mirror decides), with what it had. */
export function workText(host: Pick<RolloutHost, 'work' | 'before'>): string {
  return host.work
    .map(({ name, version }) => {
      const had = host.before?.[name];
      return `${name} ${version ?? 'newest'}${had === undefined ? '' : ` (was ${had})`}`;
    })
    .join(', ');
}

/** Hosts by phase in words, the phases with none left out: `2 hosts: 1 failed, 1 skipped`. */
export function countsText(counts: RolloutSummary['counts']): string {
  const total = ROLLOUT_HOST_PHASES.reduce((sum, phase) => sum + counts[phase], 0);
  const parts = ROLLOUT_HOST_PHASES.filter((phase) => counts[phase] > 0).map(
    (phase) => `${String(counts[phase])} ${PHASE_LABELS[phase]}`,
  );
  return `${String(total)} ${total === 1 ? 'host' : 'hosts'}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}

/**
 * The rollout's progress bar: hosts that ended their run, and those that did not end well. Skipped
 * hosts count with the failures, as a scan's cancelled hosts do: their work was not done.
 */
export function progressOf(counts: RolloutSummary['counts']): { done: number; failed: number; total: number } {
  const failed = counts.failed + counts['rolled-back'] + counts.skipped;
  const done = failed + counts.done;
  return { done, failed, total: done + counts.pending + counts.active };
}

/** Beside the batch the rollout's cursor is at, what it is doing there; a finished rollout is at none. */
export const CURSOR_NOTES: Readonly<Record<Status, string>> = {
  'awaiting-approval': 'waits here',
  running: 'running now',
  paused: 'paused here',
  halted: 'halted here',
  cancelled: 'cancelled here',
  done: '',
};

export interface BatchGroup {
  ring: number;
  batch: number;
  /** `Ring non-critical, batch 1 (canary), approved`. */
  label: string;
  /** The batch the rollout is at: running, waiting, or where it halted. */
  current: boolean;
  hosts: RolloutHost[];
}

type Grouped = Pick<RolloutView, 'plan' | 'hosts' | 'cursor' | 'approved'>;

function batchLabel(rollout: Grouped, ring: number, batch: number): string {
  const planned = rollout.plan.rings[ring];
  const canary = planned?.batches[batch]?.canary ? ' (canary)' : '';
  // A ring's gate is passed once, before its first batch.
  let gate = '';
  if (planned?.approval && batch === 0) gate = rollout.approved.includes(ring) ? ', approved' : ', waits for approval';
  return `Ring ${ringName(rollout.plan, ring)}, batch ${String(batch + 1)}${canary}${gate}`;
}

/** The rollout's hosts by ring and batch, in the order they run; a batch's hosts in the plan's order. */
export function batchGroups(rollout: Grouped): BatchGroup[] {
  const position = (host: RolloutHost): number =>
    rollout.plan.rings[host.ring]?.batches[host.batch]?.hosts.indexOf(host.host) ?? -1;
  const sorted = [...rollout.hosts].sort(
    (a, b) => a.ring - b.ring || a.batch - b.batch || position(a) - position(b) || a.host.localeCompare(b.host),
  );
  const groups: BatchGroup[] = [];
  for (const host of sorted) {
    const last = groups.at(-1);
    if (last?.ring === host.ring && last.batch === host.batch) last.hosts.push(host);
    else
      groups.push({
        ring: host.ring,
        batch: host.batch,
        label: batchLabel(rollout, host.ring, host.batch),
        // A finished rollout's cursor is past its last ring, so no batch is current then.
        current: rollout.cursor.ring === host.ring && rollout.cursor.batch === host.batch,
        hosts: [host],
      });
  }
  return groups;
}

/** How long a step took, or `running` while it runs: `0.4 s`, `3 min 5 s`. */
export function stepDuration(step: Pick<RolloutStep, 'startedAt' | 'finishedAt'>): string {
  if (step.finishedAt === null) return 'running';
  const ms = Math.max(0, new Date(step.finishedAt).getTime() - new Date(step.startedAt).getTime());
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return minutes === 0 ? `${String(seconds)} s` : `${String(minutes)} min ${String(seconds % 60)} s`;
}
