import { z } from 'zod';
import type { EventName } from './names';

/** Events pushed from the main side to every connected renderer. */
export const events = {
  'fleet.change': z.object({
    action: z.enum(['added', 'updated', 'removed']),
    hostId: z.number().int().positive(),
  }),
  'audit.entry': z.object({ seq: z.number().int().positive(), action: z.string() }),
} satisfies Record<EventName, z.ZodType>;

export type Events = typeof events;
export type EventPayload<K extends EventName> = z.output<Events[K]>;
