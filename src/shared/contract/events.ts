import { z } from 'zod';
import { HOST_SCAN_STATES, SCAN_RUN_STATES, scanErrorSchema } from '../domain/scan';
import type { EventName } from './names';

/** Events pushed from the main side to every connected renderer. */
export const events = {
  'fleet.change': z.object({
    action: z.enum(['added', 'updated', 'removed']),
    hostId: z.number().int().positive(),
  }),
  'audit.entry': z.object({ seq: z.number().int().positive(), action: z.string() }),
  /** One host moved on in a scan run. */
  'scan.progress': z.object({
    runId: z.number().int().positive(),
    hostId: z.number().int().positive(),
    name: z.string(),
    state: z.enum(HOST_SCAN_STATES),
    error: scanErrorSchema.nullable(),
  }),
  /** A run started or ended. */
  'scan.run': z.object({ runId: z.number().int().positive(), state: z.enum(SCAN_RUN_STATES) }),
  /** A rollout's journal changed: a step started or ended, a host or the rollout moved on. */
  'rollout.change': z.object({ rolloutId: z.number().int().positive(), action: z.string() }),
} satisfies Record<EventName, z.ZodType>;

export type Events = typeof events;
export type EventPayload<K extends EventName> = z.output<Events[K]>;
