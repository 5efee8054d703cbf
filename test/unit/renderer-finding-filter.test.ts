import { describe, expect, it } from 'vitest';
import { filterFindings } from '../../src/renderer/features/vulns/finding-filter';
import type { FindingRow } from '../../src/shared/domain/queue';

const row = (host: string, pkg: string, state: FindingRow['state'], cve: string): FindingRow => ({
  host,
  advisory: `ADV-${cve}`,
  cves: [cve],
  package: pkg,
  installed: '1.0-1',
  fixed: state === 'vulnerable' ? '1.1-1' : null,
  severity: null,
  state,
});
const rows = [
  row('web1', 'openssl', 'vulnerable', 'CVE-2026-1'),
  row('web1', 'libdemo1', 'not-affected', 'CVE-2026-2'),
  row('db1', 'oldlib1', 'wont-fix', 'CVE-2026-3'),
  row('db1', 'zlib1g', 'unfixed', 'CVE-2026-4'),
];

describe('filtering findings', () => {
  it.each([
    ['all', '', 4],
    ['vulnerable', '', 1],
    ['wont-fix', '', 1],
    ['all', 'db1', 2],
    ['all', 'WEB1 cve-2026-2', 1],
    ['unfixed', 'web1', 0],
  ] as const)('state %s and text %j keep %i', (state, text, count) => {
    expect(filterFindings(rows, state, text)).toHaveLength(count);
  });
});
