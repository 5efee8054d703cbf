import type { SiteSettings } from '../../../shared/domain/settings';

export type SettingsField = keyof SiteSettings;
export type NumberField = Exclude<SettingsField, 'siteName'>;

export const SETTINGS_FIELDS = [
  'siteName',
  'feedMaxAgeDays',
  'scanConcurrency',
  'scanTimeoutSeconds',
  'rescanIntervalHours',
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

export type SettingsValues = Record<SettingsField, string>;

export function valuesOf(settings: SiteSettings): SettingsValues {
  return {
    siteName: settings.siteName,
    feedMaxAgeDays: String(settings.feedMaxAgeDays),
    scanConcurrency: String(settings.scanConcurrency),
    scanTimeoutSeconds: String(settings.scanTimeoutSeconds),
    rescanIntervalHours: String(settings.rescanIntervalHours),
  };
}
