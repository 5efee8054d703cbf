import { z } from 'zod';
import { auditEntrySchema, auditVerificationSchema } from '../domain/audit';
import { hostIdSchema, hostInputSchema, hostSchema } from '../domain/host';
import { siteSettingsSchema } from '../domain/settings';
import type { CommandName } from './names';

const none = z.object({}).strict();

interface CommandSpec {
  input: z.ZodType;
  output: z.ZodType;
}

/** Every command the renderer (or a script over HTTP) may call, with its input and output. */
export const commands = {
  'app.info': {
    input: none,
    output: z.object({
      name: z.literal('Patchwise'),
      version: z.string(),
      schemaVersion: z.number().int(),
      transport: z.enum(['electron', 'headless']),
    }),
  },
  'fleet.list': { input: none, output: z.array(hostSchema) },
  'fleet.add': { input: hostInputSchema, output: hostSchema },
  'fleet.update': { input: z.object({ id: hostIdSchema, host: hostInputSchema }).strict(), output: hostSchema },
  'fleet.remove': { input: z.object({ id: hostIdSchema }).strict(), output: z.object({ id: hostIdSchema }) },
  'audit.list': {
    input: z
      .object({
        limit: z.number().int().min(1).max(1000).optional(),
        beforeSeq: z.number().int().positive().optional(),
      })
      .strict(),
    output: z.array(auditEntrySchema),
  },
  'audit.verify': { input: none, output: auditVerificationSchema },
  'settings.get': { input: none, output: siteSettingsSchema },
  'settings.update': { input: siteSettingsSchema.partial().strict(), output: siteSettingsSchema },
} satisfies Record<CommandName, CommandSpec>;

export type Commands = typeof commands;
export type CommandInput<K extends CommandName> = z.output<Commands[K]['input']>;
/** What a caller sends: before defaults and transforms are applied. */
export type CommandRequest<K extends CommandName> = z.input<Commands[K]['input']>;
export type CommandOutput<K extends CommandName> = z.output<Commands[K]['output']>;
