import type { QueueRows } from './queue-rows';

export const SSVC_FILTERS = ['all', 'Act', 'Attend', 'Track*', 'Track'] as const;
export type SsvcFilter = (typeof SSVC_FILTERS)[number];

export const DUE_FILTERS = ['any', 'overdue', '7d', '30d'] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];

export const DUE_FILTER_LABELS: Readonly<Record<DueFilter, string>> = {
  any: 'Any due date',
  overdue: 'Overdue',
  '7d': 'Due within 7 days',
  '30d': 'Due within 30 days',
};

export const REBOOT_FILTERS = ['any', 'reboot', 'no-reboot'] as const;
export type RebootFilter = (typeof REBOOT_FILTERS)[number];

export const REBOOT_FILTER_LABELS: Readonly<Record<RebootFilter, string>> = {
  any: 'With or without a reboot',
  reboot: 'Needs a reboot',
  'no-reboot': 'No reboot needed',
};

export interface QueueFilter {
  /** Matched against the fix, its packages, hosts and CVEs, case-insensitively. */
  text: string;
  ssvc: SsvcFilter;
  kevOnly: boolean;
  due: DueFilter;
  /** A host tag: fixes for at least one host carrying it; '' for every host. */
  group: string;
  reboot: RebootFilter;
}

export const NO_FILTER: QueueFilter = { text: '', ssvc: 'all', kevOnly: false, due: 'any', group: '', reboot: 'any' };

/** The host groups a queue can be narrowed to: every tag of the fleet, sorted. */
export function hostGroups(hosts: readonly { tags: readonly string[] }[]): string[] {
  return [...new Set(hosts.flatMap((host) => host.tags))].sort((a, b) => a.localeCompare(b));
}

const DAY_MS = 86_400_000;

function dueMatches(dueMs: number, filter: DueFilter, now: Date): boolean {
  if (filter === 'any') return true;
  if (Number.isNaN(dueMs)) return false;
  const left = dueMs - now.getTime();
  if (filter === 'overdue') return left < 0;
  return left <= (filter === '7d' ? 7 : 30) * DAY_MS;
}

/** The indexes of the rows a filter keeps, in their rank order; `hosts` gives each host's tags by name. */
export function filterQueue(
  rows: QueueRows,
  filter: QueueFilter,
  now: Date,
  hosts: readonly { name: string; tags: readonly string[] }[] = [],
): Uint32Array {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  const inGroup = new Set(hosts.filter((host) => host.tags.includes(filter.group)).map((host) => host.name));
  return rows.select((row) => {
    if (filter.ssvc !== 'all' && row.ssvc !== filter.ssvc) return false;
    if (filter.kevOnly && !row.kev) return false;
    if (!dueMatches(row.dueMs, filter.due, now)) return false;
    if (filter.group !== '' && !row.hosts().some((host) => inGroup.has(host))) return false;
    if (filter.reboot !== 'any' && row.needsReboot !== (filter.reboot === 'reboot')) return false;
    if (words.length === 0) return true;
    const haystack = row.searchText();
    return words.every((word) => haystack.includes(word));
  });
}
