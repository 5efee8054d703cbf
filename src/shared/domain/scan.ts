import { z } from 'zod';
import { ERROR_CODES } from '../result';
import { hostInventorySchema } from './inventory';

/** Where one host stands in a scan run; the renderer draws a progress bar from these. */
export const HOST_SCAN_STATES = ['queued', 'connecting', 'collecting', 'ok', 'failed', 'cancelled'] as const;
export type HostScanState = (typeof HOST_SCAN_STATES)[number];

export const SCAN_RUN_STATES = ['running', 'done', 'cancelled', 'interrupted'] as const;
export type ScanRunState = (typeof SCAN_RUN_STATES)[number];

export const scanErrorSchema = z.object({ code: z.enum(ERROR_CODES), message: z.string() });

export const scanRunHostSchema = z.object({
  hostId: z.number().int().positive(),
  name: z.string(),
  state: z.enum(HOST_SCAN_STATES),
  error: scanErrorSchema.nullable(),
});

export const scanRunSchema = z.object({
  id: z.number().int().positive(),
  trigger: z.enum(['manual', 'schedule', 'cli']),
  state: z.enum(SCAN_RUN_STATES),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  hosts: z.array(scanRunHostSchema),
});
export type ScanRun = z.infer<typeof scanRunSchema>;

/** What changed on a host between two successful scans. */
export const inventoryChangesSchema = z.object({
  added: z.array(z.object({ name: z.string(), version: z.string() })),
  removed: z.array(z.object({ name: z.string(), version: z.string() })),
  changed: z.array(z.object({ name: z.string(), from: z.string(), to: z.string() })),
  upgradesBefore: z.number().int(),
  upgradesAfter: z.number().int(),
  rebootBefore: z.boolean(),
  rebootAfter: z.boolean(),
});
export type InventoryChanges = z.infer<typeof inventoryChangesSchema>;

/** One line of a host's scan history. */
export const hostScanRecordSchema = z.object({
  id: z.number().int().positive(),
  runId: z.number().int().positive(),
  startedAt: z.string(),
  finishedAt: z.string(),
  status: z.enum(['ok', 'failed', 'cancelled']),
  error: scanErrorSchema.nullable(),
  /** Null for the first successful scan and for failed ones. */
  changes: inventoryChangesSchema.nullable(),
});
export type HostScanRecord = z.infer<typeof hostScanRecordSchema>;

/** A row of the fleet table: the host's last scan at a glance. */
export const hostSummarySchema = z.object({
  hostId: z.number().int().positive(),
  lastScanAt: z.string().nullable(),
  lastStatus: z.enum(['ok', 'failed', 'cancelled']).nullable(),
  lastError: scanErrorSchema.nullable(),
  /** From the last successful scan. */
  osName: z.string().nullable(),
  packages: z.number().int().nullable(),
  upgrades: z.number().int().nullable(),
  securityUpdates: z.number().int().nullable(),
  rebootRequired: z.boolean().nullable(),
});
export type HostSummary = z.infer<typeof hostSummarySchema>;

export const hostDetailSchema = z.object({
  summary: hostSummarySchema,
  /** The last successful scan's inventory, with when it was taken. */
  inventory: hostInventorySchema.nullable(),
  inventoryAt: z.string().nullable(),
  history: z.array(hostScanRecordSchema),
});
export type HostDetail = z.infer<typeof hostDetailSchema>;

/** What "test connection" learned: the key the host shows, and what the login can do. */
export const connectionTestSchema = z.object({
  fingerprint: z.string().nullable(),
  algorithm: z.string().nullable(),
  /** match: the pinned key; unknown: nothing pinned yet (confirm to pin); changed: refused. */
  hostKey: z.enum(['match', 'unknown', 'changed']).nullable(),
  login: z.enum(['ok', 'failed', 'not-tried']),
  /**
   * sudo-needs-password: sudo would work with a password Patchwise does not hold yet.
   * administrator: a Windows login in the Administrators group.
   */
  privilege: z.enum(['root', 'sudo', 'sudo-password', 'sudo-needs-password', 'administrator', 'none']).nullable(),
  error: scanErrorSchema.nullable(),
});
export type ConnectionTest = z.infer<typeof connectionTestSchema>;
