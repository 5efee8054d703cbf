import type { Host } from '../../../shared/domain/host';
import type { HostScanState, HostSummary } from '../../../shared/domain/scan';

/**
 * The fleet table's rows: hosts joined with their last scan, and a host's state in a running scan
 * when it is in one. Sorting and filtering are pure functions over these, tested without a browser.
 */
export type RowStatus = 'never' | 'ok' | 'failed' | 'cancelled' | 'queued' | 'connecting' | 'collecting';

export interface FleetRow {
  host: Host;
  summary: HostSummary | null;
  status: RowStatus;
}

export const SORT_KEYS = ['name', 'os', 'lastScan', 'upgrades', 'security', 'reboot', 'status'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'ascending' | 'descending';
export interface Sort {
  key: SortKey;
  direction: SortDirection;
}

export const STATUS_FILTERS = ['all', 'attention', 'ok', 'failed', 'never', 'scanning'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
export const REBOOT_FILTERS = ['all', 'needed', 'not-needed', 'unknown'] as const;
export type RebootFilter = (typeof REBOOT_FILTERS)[number];

export interface Filter {
  text: string;
  status: StatusFilter;
  reboot: RebootFilter;
}

export const NO_FILTER: Filter = { text: '', status: 'all', reboot: 'all' };

export function fleetRows(
  hosts: readonly Host[],
  summaries: ReadonlyMap<number, HostSummary>,
  live: ReadonlyMap<number, HostScanState>,
): FleetRow[] {
  return hosts.map((host) => {
    const summary = summaries.get(host.id) ?? null;
    const liveState = live.get(host.id);
    const status: RowStatus = liveState ?? summary?.lastStatus ?? 'never';
    return { host, summary, status };
  });
}

const isScanning = (status: RowStatus): boolean =>
  status === 'queued' || status === 'connecting' || status === 'collecting';

function matchesStatus(row: FleetRow, filter: StatusFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'attention':
      return row.status === 'failed' || row.status === 'never' || row.status === 'cancelled';
    case 'scanning':
      return isScanning(row.status);
    case 'ok':
    case 'failed':
    case 'never':
      return row.status === filter;
  }
}

function matchesReboot(row: FleetRow, filter: RebootFilter): boolean {
  const reboot = row.summary?.rebootRequired ?? null;
  switch (filter) {
    case 'all':
      return true;
    case 'needed':
      return reboot === true;
    case 'not-needed':
      return reboot === false;
    case 'unknown':
      return reboot === null;
  }
}

/** The words a text filter looks in: name, address, OS, environment, ring and tags. */
function haystack(row: FleetRow): string {
  const { host, summary } = row;
  return [host.name, host.address, summary?.osName ?? host.osFamily, host.environment, host.ring, ...host.tags]
    .join(' ')
    .toLowerCase();
}

/** Rows that match every part of the filter; the text filter needs every word somewhere. */
export function filterRows(rows: readonly FleetRow[], filter: Filter): FleetRow[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter(
    (row) =>
      matchesStatus(row, filter.status) &&
      matchesReboot(row, filter.reboot) &&
      (words.length === 0 || words.every((word) => haystack(row).includes(word))),
  );
}

// Failures first when sorting by status ascending: they are what an admin acts on.
const STATUS_RANK: Record<RowStatus, number> = {
  failed: 0,
  cancelled: 1,
  never: 2,
  collecting: 3,
  connecting: 4,
  queued: 5,
  ok: 6,
};

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

type SortValue = string | number | null;

function sortValue(row: FleetRow, key: SortKey): SortValue {
  const { summary } = row;
  switch (key) {
    case 'name':
      return row.host.name;
    case 'os':
      return summary?.osName ?? null;
    case 'lastScan':
      return summary?.lastScanAt ? Date.parse(summary.lastScanAt) : null;
    case 'upgrades':
      return summary?.upgrades ?? null;
    case 'security':
      return summary?.securityUpdates ?? null;
    case 'reboot':
      return summary?.rebootRequired === null || summary?.rebootRequired === undefined
        ? null
        : Number(summary.rebootRequired);
    case 'status':
      return STATUS_RANK[row.status];
  }
}

function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === 'string' && typeof b === 'string') return collator.compare(a, b);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return 0;
}

/**
 * Sorted by one column, then by name. Unknown values (never scanned) go last in either direction,
 * so sorting by upgrades descending starts with the hosts that have the most, not with blanks.
 */
export function sortRows(rows: readonly FleetRow[], sort: Sort): FleetRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const keyed = rows.map((row) => ({ row, value: sortValue(row, sort.key) }));
  keyed.sort((a, b) => {
    if (a.value === null || b.value === null) {
      if (a.value !== b.value) return a.value === null ? 1 : -1;
    } else {
      const order = compareValues(a.value, b.value) * sign;
      if (order !== 0) return order;
    }
    return collator.compare(a.row.host.name, b.row.host.name);
  });
  return keyed.map(({ row }) => row);
}

const STARTS_ASCENDING: ReadonlySet<SortKey> = new Set(['name', 'os', 'status']);

/**
 * A click on a column header: the same column flips direction; another starts where an admin
 * looks first (names A to Z, failures first, but the most upgrades and the latest scan first).
 */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key !== key) return { key, direction: STARTS_ASCENDING.has(key) ? 'ascending' : 'descending' };
  return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}
