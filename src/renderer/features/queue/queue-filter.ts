import type { QueueRow } from '../../../shared/domain/queue';
import { fixNeedsReboot } from '../../../shared/domain/reboot';

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

function dueMatches(due: string | null, filter: DueFilter, now: Date): boolean {
  if (filter === 'any') return true;
  if (due === null) return false;
  const left = Date.parse(due) - now.getTime();
  if (filter === 'overdue') return left < 0;
  return left <= (filter === '7d' ? 7 : 30) * DAY_MS;
}

/** The rows a filter keeps, in their rank order; `hosts` gives each host's tags by name. */
export function filterQueue(
  items: readonly QueueRow[],
  filter: QueueFilter,
  now: Date,
  hosts: readonly { name: string; tags: readonly string[] }[] = [],
): QueueRow[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  const inGroup = new Set(hosts.filter((host) => host.tags.includes(filter.group)).map((host) => host.name));
  return items.filter((item) => {
    if (filter.ssvc !== 'all' && item.ssvc !== filter.ssvc) return false;
    if (filter.kevOnly && !item.kev) return false;
    if (!dueMatches(item.due, filter.due, now)) return false;
    if (filter.group !== '' && !item.hosts.some((host) => inGroup.has(host))) return false;
    if (filter.reboot !== 'any' && fixNeedsReboot(item.packages) !== (filter.reboot === 'reboot')) return false;
    if (words.length === 0) return true;
    const haystack = [item.fix, ...item.packages, ...item.hosts, ...item.cves].join(' ').toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}
