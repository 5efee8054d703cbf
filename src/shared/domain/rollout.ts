import { z } from 'zod';
import { planSchema } from './plan';

/**
 * Rollouts as the renderer and scripts see them: the journal's records, flattened for reading.
 * The words (steps, phases, statuses) are the engine's (main/domain/rollout/model.ts).
 */
export const ROLLOUT_STEP_NAMES = [
  'precheck',
  'drain',
  'record',
  'patch',
  'restart',
  'reboot',
  'verify',
  'rollback',
  // verify again after a rollback: the same health checks, a different step so the journal says which
  'reverify',
  'undrain',
] as const;
export const ROLLOUT_HOST_PHASES = ['pending', 'active', 'done', 'rolled-back', 'failed', 'skipped'] as const;
export const ROLLOUT_STATUS_NAMES = ['awaiting-approval', 'running', 'paused', 'halted', 'cancelled', 'done'] as const;

/** What starting a rollout asks for: the queue's fixes (all when empty) and how far to go. */
export const rolloutStartSchema = z
  .object({
    fixes: z.array(z.string().min(1).max(200)).max(100_000),
    /** Only these of the hosts the fixes cover (all of them when left out). */
    hosts: z.array(z.string().min(1).max(63)).min(1).max(100_000).optional(),
    /**
     * `fixed`: each package to the version its advisory names as the fix, exactly; `latest`: to
     * the newest the mirror has (which may be newer than the fix, and not yet proven here).
     */
    versions: z.enum(['fixed', 'latest']),
    /**
     * Also every other update the hosts' last scan found pending (as `apt upgrade` or `dnf
     * upgrade` would install), to the version the scan saw, or the newest with `latest`.
     */
    allUpdates: z.boolean().optional(),
    /** Failed or rolled-back hosts a batch may have; one more halts the rollout. Canaries allow none. */
    failureThreshold: z.number().int().min(0).max(1000),
    /** The first batch starts no earlier (ISO): a rollout scheduled for tonight. */
    notBefore: z.iso.datetime({ offset: true, error: 'Not before must be a date and time' }).optional(),
  })
  .strict();
export type RolloutStart = z.infer<typeof rolloutStartSchema>;

/** Which fixes and hosts a rollout covers: the part of a start request that shapes its plan. */
export const rolloutScopeSchema = rolloutStartSchema
  .pick({ fixes: true, hosts: true, allUpdates: true, notBefore: true })
  .strict();
export type RolloutScope = z.infer<typeof rolloutScopeSchema>;

export const rolloutHostSchema = z.object({
  host: z.string(),
  ring: z.number().int().nonnegative(),
  batch: z.number().int().nonnegative(),
  phase: z.enum(ROLLOUT_HOST_PHASES),
  /** The step an active host runs now or next. */
  step: z.enum(ROLLOUT_STEP_NAMES).nullable(),
  path: z.enum(['forward', 'abort', 'rollback']).nullable(),
  drained: z.boolean(),
  reason: z.string().nullable(),
  work: z.array(z.object({ name: z.string(), version: z.string().nullable() })),
  /** The versions recorded before patching, by package. */
  before: z.record(z.string(), z.string()).nullable(),
  updatedAt: z.string(),
});
export type RolloutHost = z.infer<typeof rolloutHostSchema>;

export const rolloutSummarySchema = z.object({
  id: z.number().int().positive(),
  status: z.enum(ROLLOUT_STATUS_NAMES),
  reason: z.string().nullable(),
  cursor: z.object({ ring: z.number().int().nonnegative(), batch: z.number().int().nonnegative() }),
  graphVersion: z.number().int().nonnegative(),
  failureThreshold: z.number().int().nonnegative(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Hosts by phase. */
  counts: z.record(z.enum(ROLLOUT_HOST_PHASES), z.number().int().nonnegative()),
});
export type RolloutSummary = z.infer<typeof rolloutSummarySchema>;

export const rolloutViewSchema = rolloutSummarySchema.extend({
  plan: planSchema,
  hosts: z.array(rolloutHostSchema),
  /** Rings an admin approved, by index. */
  approved: z.array(z.number().int().nonnegative()),
  /** Running, and the next batch waits for its maintenance window, which opens then (ISO). */
  waitingUntil: z.string().nullable(),
});
export type RolloutView = z.infer<typeof rolloutViewSchema>;

export const rolloutStepSchema = z.object({
  id: z.number().int().positive(),
  host: z.string(),
  step: z.enum(ROLLOUT_STEP_NAMES),
  attempt: z.number().int().positive(),
  state: z.enum(['started', 'ok', 'failed']),
  reason: z.string().nullable(),
  outputExcerpt: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type RolloutStep = z.infer<typeof rolloutStepSchema>;

/** What a rollout would change on one host, from the host's own dry run; `error` when it could not tell. */
export const hostDryRunSchema = z.object({
  host: z.string(),
  changes: z.array(z.object({ name: z.string(), from: z.string().nullable(), to: z.string() })),
  error: z.string().nullable(),
});
export type HostDryRun = z.infer<typeof hostDryRunSchema>;
