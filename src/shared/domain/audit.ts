import { z } from 'zod';

export const auditEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  hosts: z.array(z.string()),
  details: z.record(z.string(), z.unknown()),
  outputDigest: z.string().nullable(),
  hash: z.string(),
});

export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditVerificationSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), entries: z.number().int() }),
  z.object({
    ok: z.literal(false),
    entries: z.number().int(),
    firstBadSeq: z.number().int(),
    reason: z.string(),
  }),
]);

export type AuditVerification = z.infer<typeof auditVerificationSchema>;
