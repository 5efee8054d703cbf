import { z } from 'zod';
import { CRITICALITIES, EXPOSURES, hostInputSchema, RINGS } from './host';

/** Inventory files an admin can import hosts from. */
export const IMPORT_FORMATS = ['ssh-config', 'known-hosts', 'ansible-ini', 'ansible-yaml', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Values for what the file does not say (a CSV without a ring column, an ssh config without User). */
export const importDefaultsSchema = z
  .object({
    loginUser: hostInputSchema.shape.loginUser,
    environment: hostInputSchema.shape.environment,
    ring: z.enum(RINGS),
    criticality: z.enum(CRITICALITIES),
    exposure: z.enum(EXPOSURES),
  })
  .strict();
export type ImportDefaults = z.infer<typeof importDefaultsSchema>;

export const importRequestSchema = z
  .object({
    format: z.enum(IMPORT_FORMATS),
    /** The file's text; 5 MB is far more than any inventory. */
    text: z.string().max(5 * 1024 * 1024, 'The file is larger than 5 MB'),
    defaults: importDefaultsSchema,
    /** false: only show what would happen. */
    apply: z.boolean(),
  })
  .strict();

/** One host the file describes, as it would be added, or why it cannot be. */
export const importRowSchema = z.object({
  /** Where in the file (1-based line), for messages. */
  line: z.number().int(),
  name: z.string(),
  /** add: a new host; pin: pin a host key of a host in the fleet (known_hosts); exists: already there. */
  action: z.enum(['add', 'pin', 'exists', 'invalid']),
  host: hostInputSchema.nullable(),
  /** A host key the file pins (known_hosts), as its SHA256 fingerprint. */
  fingerprint: z.string().nullable(),
  problems: z.array(z.string()),
});

export const importResultSchema = z.object({
  rows: z.array(importRowSchema),
  /** Lines the parser could not read at all, with why. */
  errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
  applied: z.boolean(),
});
export type ImportRow = z.infer<typeof importRowSchema>;
export type ImportResult = z.infer<typeof importResultSchema>;
