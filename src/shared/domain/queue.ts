import { z } from 'zod';

/** One row of the patch queue: a fix (an advisory) with the hosts it covers and why it ranks there. */
export const queueItemSchema = z.object({
  rank: z.number().int().positive(),
  fix: z.string(),
  packages: z.array(z.string()),
  hosts: z.array(z.string()),
  cves: z.array(z.string()),
  kev: z.boolean(),
  /** The highest EPSS probability among its CVEs, or null when EPSS knows none of them. */
  epss: z.number().nullable(),
  /** The most urgent SSVC (CISA coordinator) decision among its findings. */
  ssvc: z.enum(['Track', 'Track*', 'Attend', 'Act']),
  score: z.number(),
  /** The earliest SLA due date among its findings (ISO), or null. */
  due: z.string().nullable(),
  /** Every factor of its highest-scoring finding, with its weight: the "why". */
  reasons: z.array(z.string()),
});
export type QueueItem = z.infer<typeof queueItemSchema>;

/**
 * A queue item as the page lists it: without its reasons, which the why panel asks for one fix
 * at a time (a queue of 100,000 fixes carries half a million lines of them).
 */
export const queueRowSchema = queueItemSchema.omit({ reasons: true });
export type QueueRow = z.infer<typeof queueRowSchema>;

const EXCEPTION_KINDS = ['accept', 'defer'] as const;

/** What an admin types to accept or defer the risk a fix closes. */
export const exceptionInputSchema = z.object({
  fix: z.string().trim().min(1, 'Which fix is required').max(200, 'A fix id is at most 200 characters'),
  kind: z.enum(EXCEPTION_KINDS, { error: 'Choose accept (it will not be fixed) or defer (not yet)' }),
  owner: z.string().trim().min(1, 'An owner is required').max(100, 'The owner is at most 100 characters'),
  reason: z.string().trim().min(1, 'A reason is required').max(2000, 'The reason is at most 2000 characters'),
  /** The day the exception ends (YYYY-MM-DD); the fix returns to the queue then. */
  expiresOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'The expiry must be a date (YYYY-MM-DD)')
    .refine((day) => !Number.isNaN(Date.parse(day)), 'The expiry must be a real date'),
});
export type ExceptionInput = z.infer<typeof exceptionInputSchema>;

export const riskExceptionSchema = z.object({
  id: z.number().int().positive(),
  fix: z.string(),
  kind: z.enum(EXCEPTION_KINDS),
  owner: z.string(),
  reason: z.string(),
  expiresAt: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  /** active until it expires or is revoked. */
  state: z.enum(['active', 'expired', 'revoked']),
});
export type RiskException = z.infer<typeof riskExceptionSchema>;

/** One finding on one host, whatever its state: what the Vulnerabilities page lists. */
export const findingRowSchema = z.object({
  host: z.string(),
  advisory: z.string(),
  cves: z.array(z.string()),
  package: z.string(),
  installed: z.string(),
  fixed: z.string().nullable(),
  severity: z.string().nullable(),
  state: z.enum(['vulnerable', 'unfixed', 'wont-fix', 'not-affected']),
  /** A kernel package: the running one, or installed and not running (not ranked in the queue). */
  kernel: z.enum(['running', 'not-running']).optional(),
});
export type FindingRow = z.infer<typeof findingRowSchema>;
