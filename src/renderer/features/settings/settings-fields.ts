import type { SiteSettings } from '../../../shared/domain/settings';

export type SettingsField = keyof SiteSettings;
export type NumberField = Exclude<SettingsField, 'siteName' | 'slaKevByDueDate'>;

export const SETTINGS_FIELDS = [
  'siteName',
  'feedMaxAgeDays',
  'scanConcurrency',
  'scanTimeoutSeconds',
  'rescanIntervalHours',
  'slaKevByDueDate',
  'slaActHours',
  'slaCriticalInternetFacingDays',
  'slaAttendDays',
] as const satisfies readonly SettingsField[];

export interface NumberFieldSpec {
  field: NumberField;
  label: string;
  hint: string;
  min: number;
  max: number;
}

/** The number fields, grouped as the form shows them; limits mirror the schema's for the spinner. */
export const FEED_FIELDS: readonly NumberFieldSpec[] = [
  {
    field: 'feedMaxAgeDays',
    label: 'Feed age limit (days)',
    hint: 'Vulnerability feeds older than this are treated as out of date',
    min: 1,
    max: 365,
  },
];

export const SCAN_FIELDS: readonly NumberFieldSpec[] = [
  {
    field: 'scanConcurrency',
    label: 'Hosts scanned at once',
    hint: 'More finishes sooner but loads this machine and the network more',
    min: 1,
    max: 256,
  },
  {
    field: 'scanTimeoutSeconds',
    label: 'Scan timeout (seconds)',
    hint: 'A host whose collector command runs longer is marked timed out',
    min: 10,
    max: 3600,
  },
  {
    field: 'rescanIntervalHours',
    label: 'Rescan every (hours)',
    hint: 'The whole fleet is scanned again this often; 0 turns automatic rescans off',
    min: 0,
    max: 720,
  },
];

/** The SLA policy: when a finding is due, by its SSVC decision and exposure. */
export const SLA_FIELDS: readonly NumberFieldSpec[] = [
  {
    field: 'slaActHours',
    label: 'Act within (hours)',
    hint: 'Findings whose SSVC decision is Act are due this long after they are found',
    min: 1,
    max: 720,
  },
  {
    field: 'slaCriticalInternetFacingDays',
    label: 'Critical and internet-facing within (days)',
    hint: 'CVSS 9 or more (or rated Critical) on a host that faces the internet',
    min: 1,
    max: 365,
  },
  {
    field: 'slaAttendDays',
    label: 'Attend within (days)',
    hint: 'Findings whose SSVC decision is Attend',
    min: 1,
    max: 365,
  },
];

export type SettingsValues = Record<Exclude<SettingsField, 'slaKevByDueDate'>, string> & { slaKevByDueDate: boolean };

export function valuesOf(settings: SiteSettings): SettingsValues {
  return {
    siteName: settings.siteName,
    feedMaxAgeDays: String(settings.feedMaxAgeDays),
    scanConcurrency: String(settings.scanConcurrency),
    scanTimeoutSeconds: String(settings.scanTimeoutSeconds),
    rescanIntervalHours: String(settings.rescanIntervalHours),
    slaKevByDueDate: settings.slaKevByDueDate,
    slaActHours: String(settings.slaActHours),
    slaCriticalInternetFacingDays: String(settings.slaCriticalInternetFacingDays),
    slaAttendDays: String(settings.slaAttendDays),
  };
}
