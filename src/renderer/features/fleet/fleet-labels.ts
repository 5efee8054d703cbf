import type { RebootFilter, RowStatus, SortKey, StatusFilter } from './fleet-rows';

export const ROW_STATUS_LABELS: Readonly<Record<RowStatus, string>> = {
  never: 'Never scanned',
  ok: 'OK',
  failed: 'Failed',
  cancelled: 'Cancelled',
  queued: 'Queued',
  connecting: 'Connecting…',
  collecting: 'Collecting…',
};

export const STATUS_FILTER_LABELS: Readonly<Record<StatusFilter, string>> = {
  all: 'Any status',
  attention: 'Needs attention',
  ok: 'OK',
  failed: 'Failed',
  never: 'Never scanned',
  scanning: 'Scanning now',
};

export const REBOOT_FILTER_LABELS: Readonly<Record<RebootFilter, string>> = {
  all: 'Any reboot state',
  needed: 'Reboot needed',
  'not-needed': 'No reboot needed',
  unknown: 'Reboot unknown',
};

export const SORT_LABELS: Readonly<Record<SortKey, string>> = {
  name: 'Name',
  os: 'OS',
  lastScan: 'Last scan',
  upgrades: 'Upgrades',
  security: 'Security',
  reboot: 'Reboot',
  status: 'Status',
};
