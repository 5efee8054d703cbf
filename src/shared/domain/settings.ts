import { z } from 'zod';

const amount = (count: number, unit: string): string =>
  unit ? `${String(count)} ${count === 1 ? unit.replace(/s$/, '') : unit}` : String(count);

const wholeNumber = (what: string, unit: string, min: number, max: number) =>
  z
    .number({ error: `${what} must be a number${unit ? ` of ${unit}` : ''}` })
    .int(`${what} must be a whole number${unit ? ` of ${unit}` : ''}`)
    .min(min, `${what} must be at least ${amount(min, unit)}`)
    .max(max, `${what} must be at most ${amount(max, unit)}`);

export const siteSettingsSchema = z.object({
  siteName: z.string().trim().min(1, 'Site name is required').max(80, 'Site name must be at most 80 characters'),
  feedMaxAgeDays: wholeNumber('Feed age limit', 'days', 1, 365),
  /** Hosts scanned at once. */
  scanConcurrency: wholeNumber('Scan concurrency', '', 1, 256),
  /** How long one collector command may run before the host is marked timed out. */
  scanTimeoutSeconds: wholeNumber('Scan timeout', 'seconds', 10, 3600),
  /** Every this many hours the whole fleet is scanned again; 0 turns it off. */
  rescanIntervalHours: wholeNumber('Rescan interval', 'hours', 0, 720),
  /** The SLA policy the patch queue's due dates come from. */
  slaKevByDueDate: z.boolean({ error: 'KEV due dates must be on or off' }),
  /** An SSVC "Act" decision is due within this many hours. */
  slaActHours: wholeNumber('Act deadline', 'hours', 1, 720),
  /** A critical vulnerability (CVSS 9 or more, or rated Critical) on an internet-facing host. */
  slaCriticalInternetFacingDays: wholeNumber('Critical internet-facing deadline', 'days', 1, 365),
  /** An SSVC "Attend" decision. */
  slaAttendDays: wholeNumber('Attend deadline', 'days', 1, 365),
});

export type SiteSettings = z.infer<typeof siteSettingsSchema>;

export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  siteName: 'My site',
  feedMaxAgeDays: 7,
  scanConcurrency: 16,
  scanTimeoutSeconds: 300,
  rescanIntervalHours: 24,
  slaKevByDueDate: true,
  slaActHours: 48,
  slaCriticalInternetFacingDays: 7,
  slaAttendDays: 30,
};
