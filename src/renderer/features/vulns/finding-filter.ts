import type { FindingRow } from '../../../shared/domain/queue';

export const STATE_FILTERS = ['all', 'vulnerable', 'unfixed', 'wont-fix', 'not-affected'] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

export const STATE_LABELS: Readonly<Record<StateFilter, string>> = {
  all: 'Every state',
  vulnerable: 'Fix available',
  unfixed: 'No fix yet',
  'wont-fix': 'Will not be fixed',
  'not-affected': 'Not affected',
};

/** The findings a state and a text (host, package, advisory, CVE) keep. */
export function filterFindings(rows: readonly FindingRow[], state: StateFilter, text: string): FindingRow[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    if (state !== 'all' && row.state !== state) return false;
    const haystack = [row.host, row.package, row.advisory, ...row.cves].join(' ').toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}
