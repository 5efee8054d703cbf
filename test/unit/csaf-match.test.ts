import { describe, expect, it } from 'vitest';
import type { Advisory } from '../../src/shared/domain/advisory';
import { indexAdvisories, matchPackages } from '../../src/main/domain/match/match';
import { parseCsaf } from '../../src/main/feeds/csaf';
import { rpm } from './advisories';
import { parse, rhsaWithBinaries, RHSA, VEX } from './csaf-documents';
import { read } from './fixtures';

describe('matching a RHEL host against Red Hat CSAF', () => {
  /** What advisories.forEcosystem hands the queue: only the intervals of the host's release. */
  const forRelease = (advisories: Advisory[], ecosystem: string): Advisory[] =>
    advisories.map((a) => ({ ...a, packages: a.packages.filter((p) => p.ecosystem === ecosystem) }));

  const fixture = (path: string, ecosystem: string) =>
    indexAdvisories(forRelease(parseCsaf(path, read(path)).records, ecosystem));

  it('finds pam older than the VEX fix vulnerable, and the fixed build clean', () => {
    const index = fixture(VEX, 'Red Hat:9');
    expect(
      matchPackages('rhel', [rpm('pam', '1.5.1-20.el9', 'pam'), rpm('bash', '5.1.8-9.el9', 'bash')], index),
    ).toEqual([
      {
        advisory: 'RHVEX-CVE-2024-10041',
        cves: ['CVE-2024-10041'],
        severity: 'Moderate',
        package: 'pam',
        installed: '1.5.1-20.el9',
        fixed: '1.5.1-21.el9_5',
        state: 'vulnerable',
      },
    ]);
    expect(matchPackages('rhel', [rpm('pam', '1.5.1-21.el9_5', 'pam')], index)).toEqual([]);
  });

  it('finds python3-libs one build before RHSA-2024:6163 vulnerable through its source rpm, and its build clean', () => {
    const index = fixture(RHSA, 'Red Hat:9');
    expect(matchPackages('rhel', [rpm('python3-libs', '3.9.18-3.el9_4.4', 'python3.9')], index)).toEqual([
      {
        advisory: 'RHSA-2024:6163',
        cves: ['CVE-2024-8088'],
        severity: 'Moderate',
        package: 'python3-libs',
        installed: '3.9.18-3.el9_4.4',
        fixed: '3.9.18-3.el9_4.5',
        state: 'vulnerable',
      },
    ]);
    expect(matchPackages('rhel', [rpm('python3-libs', '3.9.18-3.el9_4.5', 'python3.9')], index)).toEqual([]);
    // Another source's package of the same name prefix is not reached.
    expect(matchPackages('rhel', [rpm('python3.11-libs', '3.11.7-1.el9', 'python3.11')], index)).toEqual([]);
  });

  it('reports python3-libs once when RHSA-2024:6163 names both its binary and its source rpm', () => {
    const index = indexAdvisories(forRelease(parse(rhsaWithBinaries()), 'Red Hat:9'));
    expect(matchPackages('rhel', [rpm('python3-libs', '3.9.18-3.el9_4.4', 'python3.9')], index)).toMatchObject([
      { advisory: 'RHSA-2024:6163', package: 'python3-libs', fixed: '3.9.18-3.el9_4.5', state: 'vulnerable' },
    ]);
  });

  it("reports RHEL 7's pam and what it builds as ones Red Hat will not fix", () => {
    const index = fixture(VEX, 'Red Hat:7');
    const found = matchPackages(
      'rhel',
      [
        rpm('pam', '1.1.8-23.el7', 'pam'),
        rpm('pam-devel', '1.1.8-23.el7', 'pam'),
        rpm('bash', '4.2.46-35.el7', 'bash'),
      ],
      index,
    );
    expect(found.map((f) => [f.advisory, f.package, f.fixed, f.state])).toEqual([
      ['RHVEX-CVE-2024-10041', 'pam', null, 'wont-fix'],
      ['RHVEX-CVE-2024-10041', 'pam-devel', null, 'wont-fix'],
    ]);
  });
});
