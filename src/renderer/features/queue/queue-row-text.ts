import type { QueueRow } from '../../../shared/domain/queue';

/** What a queue row shows in its formatted cells; the rest (rank, fix, SSVC, KEV) shows as given. */
export interface QueueRowText {
  score: string;
  /** The highest EPSS probability among the fix's CVEs, as a percentage; a dash without one. */
  epss: string;
  /** The due day (the SLA's date, in UTC as the main side computed it); a dash without one. */
  due: string;
  /** The one host's name, or how many hosts. */
  hosts: string;
  /** Every host, for the cell's tooltip. */
  hostsTitle: string;
  packages: string;
}

/** The text of one row: a few string operations, cheap enough to run for each row that scrolls into view. */
export function queueRowText(item: QueueRow): QueueRowText {
  return {
    score: item.score.toFixed(1),
    epss: item.epss === null ? '—' : `${(item.epss * 100).toFixed(1)} %`,
    due: item.due ? item.due.slice(0, 10) : '—',
    hosts: item.hosts.length === 1 ? (item.hosts[0] ?? '') : `${String(item.hosts.length)} hosts`,
    hostsTitle: item.hosts.join(', '),
    packages: item.packages.join(', '),
  };
}
