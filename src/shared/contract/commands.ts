import { z } from 'zod';
import { auditEntrySchema, auditVerificationSchema } from '../domain/audit';
import { feedStatusSchema } from '../domain/feed';
import { planSchema, rolloutPolicySchema, weeklyWindowSchema } from '../domain/plan';
import { edgeSchema, graphStateSchema, graphVersionSchema, serviceGraphSchema } from '../domain/graph';
import { hostIdSchema, hostInputSchema, hostSchema, RINGS } from '../domain/host';
import {
  hostDryRunSchema,
  rolloutScopeSchema,
  rolloutStartSchema,
  rolloutStepSchema,
  rolloutSummarySchema,
  rolloutViewSchema,
} from '../domain/rollout';
import {
  exceptionInputSchema,
  findingRowSchema,
  queueItemSchema,
  queueRowSchema,
  riskExceptionSchema,
} from '../domain/queue';
import { importRequestSchema, importResultSchema } from '../domain/import';
import { connectionTestSchema, hostDetailSchema, hostSummarySchema, scanRunSchema } from '../domain/scan';
import { secretInfoSchema, secretNameSchema } from '../domain/secret';
import { siteSettingsSchema } from '../domain/settings';
import type { CommandName } from './names';

const none = z.object({}).strict();
const rolloutId = z.number({ error: 'A rollout id is a number' }).int().positive();

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
  'fleet.summaries': { input: none, output: z.array(hostSummarySchema) },
  'fleet.host': { input: z.object({ id: hostIdSchema }).strict(), output: hostDetailSchema },
  'fleet.import': { input: importRequestSchema, output: importResultSchema },
  /** Connects without pinning: shows the key the host presents and what its login may do. */
  'fleet.testConnection': { input: z.object({ id: hostIdSchema }).strict(), output: connectionTestSchema },
  /**
   * Pins the host's key after an admin compared the fingerprint out of band. The main side
   * fetches the key again and pins it only if it still has the fingerprint the admin saw.
   */
  'fleet.trustHostKey': {
    input: z.object({ id: hostIdSchema, fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/) }).strict(),
    output: z.object({ id: hostIdSchema, fingerprint: z.string() }),
  },
  /** Starts a scan of some hosts (all when `hostIds` is left out); progress comes as events. */
  'fleet.scan': {
    input: z.object({ hostIds: z.array(hostIdSchema).min(1).max(10_000).optional() }).strict(),
    output: z.object({ runId: z.number().int().positive() }),
  },
  'scan.cancel': {
    input: z.object({ runId: z.number().int().positive() }).strict(),
    output: z.object({ runId: z.number().int().positive() }),
  },
  'scan.runs': {
    input: z.object({ limit: z.number().int().min(1).max(100).optional() }).strict(),
    output: z.array(scanRunSchema),
  },
  /** Secrets go in and never come out: the renderer only learns names and dates. */
  'secrets.list': { input: none, output: z.array(secretInfoSchema) },
  'feeds.status': { input: none, output: z.array(feedStatusSchema) },
  'queue.list': {
    input: none,
    output: z.object({
      feeds: z.array(feedStatusSchema),
      items: z.array(queueRowSchema),
      exceptions: z.array(riskExceptionSchema),
    }),
  },
  /** Why one fix of the current queue ranks where it does. */
  'queue.why': {
    input: z.object({ fix: z.string().min(1).max(200) }).strict(),
    output: queueItemSchema,
  },
  'graph.get': { input: none, output: graphStateSchema },
  /** Saves the graph as the next version; refused when `baseVersion` is no longer the current one. */
  'graph.save': {
    input: z.object({ graph: serviceGraphSchema, baseVersion: z.number().int().nonnegative() }).strict(),
    output: graphStateSchema,
  },
  'graph.accept': {
    input: z.object({ edge: edgeSchema, baseVersion: z.number().int().nonnegative() }).strict(),
    output: graphStateSchema,
  },
  'graph.reject': { input: z.object({ edge: edgeSchema }).strict(), output: graphStateSchema },
  'graph.versions': {
    input: z.object({ limit: z.number().int().min(1).max(200).optional() }).strict(),
    output: z.array(graphVersionSchema),
  },
  'graph.version': {
    input: z.object({ version: z.number().int().positive() }).strict(),
    output: serviceGraphSchema,
  },
  /** The rollout plan for these fixes of the queue; every fix when the list is empty. */
  'plan.build': {
    input: z.object({ fixes: z.array(z.string().min(1).max(200)).max(100_000) }).strict(),
    output: planSchema,
  },
  'policy.get': { input: none, output: rolloutPolicySchema },
  'policy.set': { input: rolloutPolicySchema.strict(), output: rolloutPolicySchema },
  /**
   * The weekly maintenance windows an iCalendar file describes, in the given time zone, and the
   * events that cannot be one (with why); nothing is saved: the form adds them, the admin saves.
   */
  'policy.windowsFromICalendar': {
    input: z.object({ text: z.string().min(1).max(1_000_000), timeZone: z.string().min(1).max(64) }).strict(),
    output: z.object({
      windows: z.array(weeklyWindowSchema),
      skipped: z.array(z.object({ event: z.string(), reason: z.string() })),
    }),
  },
  /**
   * The plan a rollout of this scope would run: only hosts the engine can patch (the others are
   * listed as unplaced, with the reason).
   */
  'rollout.plan': { input: rolloutScopeSchema, output: planSchema },
  /** Plans the chosen fixes (all when empty) and starts running the plan; progress comes as events. */
  'rollout.start': { input: rolloutStartSchema, output: z.object({ rolloutId: rolloutId }) },
  /** What starting this rollout would change on each host: each host's own dry run, nothing changed. */
  'rollout.dryRun': { input: rolloutStartSchema, output: z.array(hostDryRunSchema) },
  'rollout.list': {
    input: z.object({ limit: z.number().int().min(1).max(200).optional() }).strict(),
    output: z.array(rolloutSummarySchema),
  },
  'rollout.get': { input: z.object({ id: rolloutId }).strict(), output: rolloutViewSchema },
  /** The unfinished rollout, else the latest; null before the first. */
  'rollout.current': { input: none, output: rolloutViewSchema.nullable() },
  /** Every step record of a rollout (of one host when given), with its output's excerpt. */
  'rollout.steps': {
    input: z.object({ id: rolloutId, host: z.string().min(1).max(63).optional() }).strict(),
    output: z.array(rolloutStepSchema),
  },
  'rollout.approve': {
    input: z.object({ id: rolloutId, ring: z.enum(RINGS) }).strict(),
    output: rolloutViewSchema,
  },
  'rollout.pause': { input: z.object({ id: rolloutId }).strict(), output: rolloutViewSchema },
  'rollout.resume': { input: z.object({ id: rolloutId }).strict(), output: rolloutViewSchema },
  'rollout.cancel': { input: z.object({ id: rolloutId }).strict(), output: rolloutViewSchema },
  /** For a rollout paused after an interruption: roll back the hosts in flight and start no more. */
  'rollout.rollBack': { input: z.object({ id: rolloutId }).strict(), output: rolloutViewSchema },
  'vulns.list': {
    input: none,
    output: z.object({ feeds: z.array(feedStatusSchema), findings: z.array(findingRowSchema) }),
  },
  'queue.except': { input: exceptionInputSchema.strict(), output: riskExceptionSchema },
  'queue.revoke': {
    input: z.object({ id: z.number({ error: 'Exception id must be a number' }).int().positive() }).strict(),
    output: riskExceptionSchema,
  },
  'secrets.set': {
    input: z
      .object({
        name: secretNameSchema,
        value: z
          .string()
          .min(1, 'The secret is empty')
          .max(64 * 1024),
      })
      .strict(),
    output: secretInfoSchema,
  },
  'secrets.remove': { input: z.object({ name: secretNameSchema }).strict(), output: z.object({ name: z.string() }) },
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
