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
