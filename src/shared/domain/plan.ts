import { z } from 'zod';
import { RINGS } from './host';

/**
 * A maintenance window as a weekly rule, in the site's time zone: on these days (0 = Sunday),
 * from `start` to `end` (HH:MM, 24 h; an `end` at or before `start` runs past midnight).
 */
export const weeklyWindowSchema = z.object({
  days: z
    .array(z.number().int().min(0).max(6))
    .min(1, 'A window needs at least one day')
    .refine((days) => new Set(days).size === days.length, 'Each day once'),
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Start is a time HH:MM'),
  end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'End is a time HH:MM'),
});
export type WeeklyWindow = z.infer<typeof weeklyWindowSchema>;

/** Vendors' severity words, on one scale (Debian's high is Red Hat's important, and so on). */
export const SEVERITY_LEVELS = ['low', 'moderate', 'important', 'critical'] as const;
export type SeverityLevel = (typeof SEVERITY_LEVELS)[number];

/**
 * An approval rule: the rings it names start without an admin's approval when every fix of the
 * rollout is of this kind, of this severity or above, and released at least `afterDays` ago.
 * `security` covers the queue's fixes; `any` also the other pending updates a rollout may add.
 */
export const approvalRuleSchema = z.object({
  rings: z.array(z.enum(RINGS)).min(1, 'A rule approves at least one ring'),
  classification: z.enum(['security', 'any']),
  minSeverity: z.enum(SEVERITY_LEVELS),
  afterDays: z.number().int().min(0, 'Days after release: 0 or more').max(365, 'Days after release: at most 365'),
});
export type ApprovalRule = z.infer<typeof approvalRuleSchema>;

/** How the site rolls patches out: the planner's rules. */
export const rolloutPolicySchema = z.object({
  /** Rings in the order they are patched; hosts are in a ring by their `ring` field. */
  rings: z.array(z.enum(RINGS)).min(1),
  /** Rings that wait for an admin's approval before they start. */
  approvalRings: z.array(z.enum(RINGS)),
  /** Approve those rings by themselves for fixes these rules cover (none: an admin approves). */
  approvalRules: z.array(approvalRuleSchema).max(20).default([]),
  /** Hosts patched at the same time, at most, whatever the budgets allow. */
  maxConcurrent: z.number().int().min(1).max(500),
  /** The first batch of a ring of more than one host is a single host: the canary. */
  canary: z.boolean(),
  /** How long one batch is expected to take (patch, restart or reboot, verify), in minutes. */
  batchMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  /** Allowed windows; none means any time. */
  windows: z.array(weeklyWindowSchema),
  /** The IANA time zone the windows are written in, e.g. Europe/Berlin. */
  timeZone: z.string().min(1).max(64),
});
export type RolloutPolicy = z.infer<typeof rolloutPolicySchema>;

export const DEFAULT_ROLLOUT_POLICY: RolloutPolicy = {
  rings: ['test', 'non-critical', 'important', 'critical'],
  approvalRings: ['critical'],
  approvalRules: [],
  maxConcurrent: 10,
  canary: true,
  batchMinutes: 30,
  windows: [],
  timeZone: 'UTC',
};

export const planBatchSchema = z.object({
  /** Hosts patched together, by name, sorted. */
  hosts: z.array(z.string()),
  /** The services whose members are in this batch, by id, sorted. */
  services: z.array(z.string()),
  /** Its dependency layer in the ring: 0 for services that depend on nothing patched in this ring. */
  layer: z.number().int().nonnegative(),
  /** The slot it is planned in (ISO instants): inside one allowed window. */
  window: z.object({ start: z.string(), end: z.string() }),
  /** Before this batch: a patched replica takes over from the primary patched in it. */
  switchovers: z.array(z.object({ service: z.string(), from: z.string(), to: z.string() })),
  canary: z.boolean(),
});
export type PlanBatch = z.infer<typeof planBatchSchema>;

export const planSchema = z.object({
  rings: z.array(
    z.object({
      name: z.enum(RINGS),
      approval: z.boolean(),
      /** A ring the policy gates that its approval rules approved: the rules, in words. */
      approvedBy: z.string().nullable().default(null),
      batches: z.array(planBatchSchema),
    }),
  ),
  /** Hosts the plan cannot place, each with the reason (a budget of zero spare members, for instance). */
  unplaced: z.array(z.object({ host: z.string(), reason: z.string() })),
  /** What the admin should know: cycles, hosts in no service, a primary moved after its replicas. */
  warnings: z.array(z.string()),
});
export type Plan = z.infer<typeof planSchema>;
