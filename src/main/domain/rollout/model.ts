import { z } from 'zod';
import { weeklyWindowSchema } from '../../../shared/domain/plan';
import { ROLLOUT_HOST_PHASES, ROLLOUT_STATUS_NAMES, ROLLOUT_STEP_NAMES } from '../../../shared/domain/rollout';

/**
 * The words of a rollout run: the steps a host goes through, where a host is in them, and where
 * the rollout as a whole is. The machines (host-machine.ts, rollout-machine.ts) decide; the
 * orchestrator (main/rollout/) acts and journals.
 */

export const HOST_STEPS = ROLLOUT_STEP_NAMES;
export type HostStep = (typeof HOST_STEPS)[number];

export const HOST_PHASES = ROLLOUT_HOST_PHASES;
export type HostPhase = (typeof HOST_PHASES)[number];

/**
 * Which way an active host is heading: `forward` to done; `abort` (a failed drain or record,
 * nothing patched) through undrain to failed; `rollback` (a failed patch, restart or verify)
 * through rollback, reverify and undrain to rolled-back.
 */
export const HOST_PATHS = ['forward', 'abort', 'rollback'] as const;
export type HostPath = (typeof HOST_PATHS)[number];

/** One host of a rollout. `step` of an active host is the step it runs now or runs next. */
export type HostRun =
  | { phase: 'pending' }
  | { phase: 'active'; step: HostStep; path: HostPath; drained: boolean; reason: string | null }
  | { phase: 'done' }
  | { phase: 'rolled-back'; reason: string }
  | { phase: 'failed'; reason: string; drained: boolean }
  | { phase: 'skipped'; reason: string };

export type HostEvent =
  | { type: 'start' }
  | { type: 'skip'; reason: string }
  /** `drained: false` after a drain step that had nothing to drain. */
  | { type: 'ok'; step: HostStep; reboot?: boolean; drained?: boolean }
  | { type: 'failed'; step: HostStep; reason: string }
  | { type: 'unreachable'; step: HostStep; reason: string }
  /** The admin chose to roll back an interrupted rollout: undo what this host may have had done. */
  | { type: 'abort'; reason: string };

export type HostOutcome = 'done' | 'rolled-back' | 'failed' | 'skipped';
export type HostAction = { kind: 'run'; step: HostStep } | { kind: 'end'; outcome: HostOutcome; drained: boolean };

export const ROLLOUT_STATUSES = ROLLOUT_STATUS_NAMES;
export type RolloutStatus = (typeof ROLLOUT_STATUSES)[number];

/** Where a paused rollout goes back to on resume. */
export const RESUMABLE = ['running', 'awaiting-approval', 'halted', 'cancelled'] as const;
export type Resumable = (typeof RESUMABLE)[number];

/** The statuses in which no new host starts; hosts already started still finish their run. */
export const ENDED: readonly RolloutStatus[] = ['halted', 'cancelled', 'done'];

export interface Cursor {
  /** Index in the plan's rings, and in that ring's batches: the batch running, or next. */
  ring: number;
  batch: number;
}

export interface RolloutState {
  status: RolloutStatus;
  cursor: Cursor;
  /** Set while paused: the status, and its reason, that resuming goes back to. */
  resumeTo: { status: Resumable; reason: string | null } | null;
  /** Why it is in this status, for people: what is awaited, why it halted or paused. */
  reason: string | null;
}

export type RolloutEvent =
  | { type: 'approve'; ring: number }
  | { type: 'pause'; reason: string }
  | { type: 'resume' }
  | { type: 'cancel'; reason: string }
  /** After an interruption: roll back the hosts in flight and start no more. */
  | { type: 'roll-back'; reason: string }
  /** The app found this rollout unfinished at start-up. */
  | { type: 'interrupted'; reason: string }
  | { type: 'batch-done'; failures: number };

export type RolloutAction =
  | { kind: 'run-batch'; cursor: Cursor }
  | { kind: 'await-approval'; ring: number }
  /** Hosts stop between steps. */
  | { kind: 'hold' }
  /** Hosts waiting between steps carry on. */
  | { kind: 'wake' }
  | { kind: 'skip-pending'; reason: string }
  | { kind: 'abort-hosts'; reason: string };

/** The run's own rules, beside the plan. */
export const runPolicySchema = z.object({
  /**
   * Failed or rolled-back hosts a batch may have; one more halts the rollout. A canary batch
   * allows none whatever this says: judging the first host is what a canary is for.
   */
  failureThreshold: z.number().int().min(0).max(1000),
  /**
   * The site's maintenance windows when the rollout started (none: any time). A batch starts
   * inside its planned slot, or, once that has passed, in the next slot these allow. Rollouts
   * started before this was kept wait for their planned slots only.
   */
  /** No batch starts earlier (ISO): the admin scheduled the rollout. */
  notBefore: z.string().optional(),
  windows: z
    .object({
      windows: z.array(weeklyWindowSchema),
      timeZone: z.string().min(1).max(64),
      batchMinutes: z.number().int().min(1),
    })
    .optional(),
});
export type RunPolicy = z.infer<typeof runPolicySchema>;

// Checked here because names and versions go into apt and dnf commands (single-quoted there too).
const PACKAGE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.+-]{0,127}$/;
const PACKAGE_VERSION = /^[A-Za-z0-9][A-Za-z0-9_.+~^:-]{0,127}$/;

/** A package a rollout brings a host to: `version` exactly, or the newest the mirror has (null). */
export const packageTargetSchema = z.object({
  name: z.string().regex(PACKAGE_NAME, 'Not a package name'),
  version: z.string().regex(PACKAGE_VERSION, 'Not a package version').nullable(),
});
export type PackageTarget = z.infer<typeof packageTargetSchema>;
export const hostWorkSchema = z.array(packageTargetSchema).max(10_000);

/** What `record` keeps before a host is patched, so a rollback knows where to go back to. */
export const preStateSchema = z.object({
  /** The versions of the packages the patch touches, by package name. */
  packages: z.record(z.string(), z.string()),
  /** Kept for a snapshot hook's id (an LVM/btrfs/VM snapshot to restore); no hook exists yet, so null. */
  snapshot: z.string().nullable(),
  /** Kept for the package manager's transaction to undo (`dnf history undo`); not recorded yet, so null. */
  transaction: z.string().nullable(),
});
export type PreState = z.infer<typeof preStateSchema>;

/** What `probe` found on a host when the app came back after stopping mid-step. */
export type ProbeFinding =
  | { reachable: false; detail: string }
  | {
      reachable: true;
      /** null when the host cannot tell (no drain configured reads as false, not null). */
      drained: boolean | null;
      /** Installed versions of the packages asked about; null when they could not be read. */
      packages: Record<string, string> | null;
      detail: string;
    };
