import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Advisory } from '../../src/shared/domain/advisory';
import { kernelState } from '../../src/main/domain/match/kernels';
import { ecosystemsOf, indexAdvisories, inInterval, matchPackages } from '../../src/main/domain/match/match';
import { compareDpkg, compareRpm } from '../../src/main/domain/versions';
import { parseDebianInventory } from '../../src/main/fleet/collectors/debian';
import { parseRhelInventory } from '../../src/main/fleet/collectors/rhel';
import { parseDebianTracker } from '../../src/main/feeds/debian-tracker';
import { parseOsv } from '../../src/main/feeds/osv';
import { advisory, fixedIn, rpm } from './advisories';

// The lab's synthetic bundle (resources/lab/feeds, all made up) against inventories recorded
// from lab hosts after libdemo and demo-kernel were upgraded (test/fixtures/collectors).
const osvDir = (family: string): Advisory[] => {
  const dir = join('resources/lab/feeds/osv', family);
  return readdirSync(dir).map((name) => parseOsv(name, readFileSync(join(dir, name), 'utf8')));
};
const debian = parseDebianInventory(readFileSync('test/fixtures/collectors/debian-api2.txt', 'utf8'));
const rocky = parseRhelInventory(readFileSync('test/fixtures/collectors/rocky-api1.txt', 'utf8'));

describe('matching installed packages to advisories', () => {
  it('finds demo-http on a Debian host through its source package, and not the upgraded libdemo1', () => {
    expect(ecosystemsOf(debian.os)).toEqual(['Debian:12']);
    expect(matchPackages('debian', debian.packages, indexAdvisories(osvDir('debian')))).toEqual([
      {
        advisory: 'DEBIAN-CVE-2026-90002',
        cves: ['CVE-2026-90002'],
        severity: null,
        package: 'demo-http',
        installed: '2.0-1',
        fixed: '2.1-1',
        state: 'vulnerable',
      },
    ]);
  });

  it('finds demo-http on a Rocky host by its rpm name, comparing epochs', () => {
    expect(ecosystemsOf(rocky.os)).toEqual(['Rocky Linux:9', 'Red Hat:9']);
    expect(matchPackages('rhel', rocky.packages, indexAdvisories(osvDir('rocky')))).toEqual([
      {
        advisory: 'RLSA-2026:9002',
        cves: ['CVE-2026-90002'],
        severity: 'Moderate',
        package: 'demo-http',
        installed: '2.0-1.el9',
        fixed: '0:2.1-1.el9',
        state: 'vulnerable',
      },
    ]);
  });

  it('does not report a backported fix: the distribution fixed 1.0 without going to 1.1', () => {
    // Upstream fixed it in 1.1; Debian backported the fix as 1.0-1+deb12u1.
    const backported = advisory('DEBIAN-CVE-2026-1', [fixedIn('Debian:12', 'libdemo', '1.0-1+deb12u1')], {
      cves: ['CVE-2026-1'],
    });
    const installed = (version: string) => [{ name: 'libdemo1', version, arch: 'amd64', source: 'libdemo' }];
    expect(matchPackages('debian', installed('1.0-1+deb12u1'), indexAdvisories([backported]))).toEqual([]);
    expect(matchPackages('debian', installed('1.0-1'), indexAdvisories([backported]))).toMatchObject([
      { state: 'vulnerable' },
    ]);
    expect(
      matchPackages(
        'debian',
        installed('1.0-1'),
        indexAdvisories([{ ...backported, withdrawn: '2026-02-01T00:00:00Z' }]),
      ),
    ).toEqual([]);
  });

  it('reports an advisory without a fix as unfixed, not as an omission', () => {
    const record = osvDir('debian')[0] as Advisory;
    const open = { ...record, packages: record.packages.map((p) => ({ ...p, fixed: null })) };
    const findings = matchPackages('debian', debian.packages, indexAdvisories([open]));
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((finding) => finding.state === 'unfixed' && finding.fixed === null)).toBe(true);
  });

  it.each([
    ['1.0', { introduced: '0', fixed: '1.1', lastAffected: null }, true],
    ['1.1', { introduced: '0', fixed: '1.1', lastAffected: null }, false],
    ['0.9', { introduced: '1.0', fixed: '1.1', lastAffected: null }, false],
    ['1.1~rc1', { introduced: '0', fixed: '1.1', lastAffected: null }, true],
    ['1.2', { introduced: '0', fixed: null, lastAffected: '1.2' }, true],
    ['1.3', { introduced: '0', fixed: null, lastAffected: '1.2' }, false],
    ['5.0', { introduced: '0', fixed: null, lastAffected: null }, true],
  ])('dpkg %s in %j: %s', (version, interval, expected) => {
    expect(
      inInterval(version, { ecosystem: 'Debian:12', name: 'x', status: 'affected', ...interval }, compareDpkg),
    ).toBe(expected);
  });

  it('compares rpm versions with and without an epoch', () => {
    const interval = fixedIn('Rocky Linux:9', 'x', '1:1.0-1.el9');
    expect(inInterval('2.0-1.el9', interval, compareRpm)).toBe(true);
    expect(inInterval('1:1.0-1.el9', interval, compareRpm)).toBe(false);
  });

  it.each([
    [{ id: 'debian', version: '12', family: 'debian' }, ['Debian:12']],
    [{ id: 'ubuntu', version: '22.04', family: 'debian' }, ['Ubuntu:22.04']],
    [{ id: 'almalinux', version: '9.4', family: 'rhel' }, ['AlmaLinux:9', 'Red Hat:9']],
    [{ id: 'rocky', version: '8.10', family: 'rhel' }, ['Rocky Linux:8', 'Red Hat:8']],
    [{ id: 'rhel', version: '9.4', family: 'rhel' }, ['Red Hat:9']],
    [{ id: 'debian', version: '', family: 'debian' }, []],
    [{ id: 'windows', version: '10.0.20348', family: 'windows' }, []],
  ] as const)('names the ecosystems whose data describes %j', (os, expected) => {
    expect(ecosystemsOf(os)).toEqual(expected);
  });

  it.each([
    ['debian', 'linux-image-6.1.0-18-amd64', '6.1.76-1', '6.1.0-18-amd64', 'running'],
    ['debian', 'linux-image-6.1.0-17-amd64', '6.1.69-1', '6.1.0-18-amd64', 'not-running'],
    ['debian', 'linux-image-amd64', '6.1.76-1', '6.1.0-18-amd64', null],
    ['debian', 'libc6', '2.36-9+deb12u4', '6.1.0-18-amd64', null],
    ['rhel', 'kernel-core', '5.14.0-362.8.1.el9_3', '5.14.0-362.8.1.el9_3.x86_64', 'running'],
    ['rhel', 'kernel-core', '5.14.0-284.11.1.el9_2', '5.14.0-362.8.1.el9_3.x86_64', 'not-running'],
    ['rhel', 'kernel-rt-core', '5.14.0-362.8.1.rt14.343.el9_3', '5.14.0-362.8.1.rt14.343.el9_3.x86_64+rt', 'running'],
    ['rhel', 'kernel-tools', '5.14.0-362.8.1.el9_3', '5.14.0-362.8.1.el9_3.x86_64', null],
    ['rhel', 'kernel-core', '5.14.0-362.8.1.el9_3', '', null],
  ] as const)('tells a %s kernel %s %s from the running %s: %s', (family, name, version, running, expected) => {
    expect(kernelState(family, { name, version }, running)).toBe(expected);
  });

  it('keeps a finding per installed kernel version, and says which one runs', () => {
    const update = advisory('RLSA-2024:1', [fixedIn('Rocky Linux:9', 'kernel-core', '5.14.0-427.13.1.el9_4')], {
      summary: 'Important: kernel security update',
      severity: 'Important',
      modified: '2024-01-01T00:00:00Z',
      cves: ['CVE-2024-1'],
    });
    const kernel = (version: string) => rpm('kernel-core', version, 'kernel');
    const findings = matchPackages(
      'rhel',
      [kernel('5.14.0-284.11.1.el9_2'), kernel('5.14.0-362.8.1.el9_3'), kernel('5.14.0-427.13.1.el9_4')],
      indexAdvisories([update]),
      '5.14.0-362.8.1.el9_3.x86_64',
    );
    expect(findings.map((finding) => [finding.installed, finding.kernel])).toEqual([
      ['5.14.0-284.11.1.el9_2', 'not-running'],
      ['5.14.0-362.8.1.el9_3', 'running'],
    ]);
  });

  describe('reaching a RHEL-family package through its source rpm', () => {
    const interval = (name: string, fixed: string) => fixedIn('Red Hat:9', name, fixed);
    /** An advisory as read from Red Hat CSAF, of RHSA-2024:6163's CVE. */
    const fromCsaf = (id: string, packages: Advisory['packages']): Advisory =>
      advisory(id, packages, {
        source: 'csaf',
        severity: 'Moderate',
        modified: '2024-09-03T00:00:00Z',
        cves: ['CVE-2024-8088'],
      });
    // RHSA-2024:6163 as shortened: it names python3.9, the source rpm python3-libs is built from.
    const bySource = fromCsaf('RHSA-2024:6163', [interval('python3.9', '3.9.18-3.el9_4.5')]);

    it('finds python3-libs older than a fix of its source rpm vulnerable, and the fixed build clean', () => {
      const index = indexAdvisories([bySource]);
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
      // The same binary at the same version from another source: what was remembered does not carry over.
      expect(matchPackages('rhel', [rpm('python3-libs', '3.9.18-3.el9_4.4', 'python3')], index)).toEqual([]);
    });

    it('finds kernel-core through an advisory naming kernel, and says whether it runs', () => {
      const kernel = fromCsaf('RHSA-2024:1', [interval('kernel', '5.14.0-427.13.1.el9_4')]);
      const findings = matchPackages(
        'rhel',
        [rpm('kernel-core', '5.14.0-362.8.1.el9_3', 'kernel'), rpm('kernel-core', '5.14.0-427.13.1.el9_4', 'kernel')],
        indexAdvisories([kernel]),
        '5.14.0-362.8.1.el9_3.x86_64',
      );
      expect(findings).toMatchObject([
        { advisory: 'RHSA-2024:1', package: 'kernel-core', installed: '5.14.0-362.8.1.el9_3', kernel: 'running' },
      ]);
    });

    it('reports a package once when one advisory names both it and its source rpm, by its own interval', () => {
      const both = fromCsaf('RHSA-2024:6163', [
        interval('python3.9', '3.9.18-3.el9_4.5'),
        // Not what Red Hat would write; it shows whose statement stands.
        interval('python3-libs', '3.9.18-3.el9_4.6'),
      ]);
      const index = indexAdvisories([both]);
      expect(matchPackages('rhel', [rpm('python3-libs', '3.9.18-3.el9_4.4', 'python3.9')], index)).toMatchObject([
        { advisory: 'RHSA-2024:6163', package: 'python3-libs', fixed: '3.9.18-3.el9_4.6' },
      ]);
      // At the source's fix but not the binary's: the binary's interval still says vulnerable.
      expect(matchPackages('rhel', [rpm('python3-libs', '3.9.18-3.el9_4.5', 'python3.9')], index)).toHaveLength(1);
      // A binary the advisory does not name is reached through the source as before.
      expect(matchPackages('rhel', [rpm('python3', '3.9.18-3.el9_4.4', 'python3.9')], index)).toMatchObject([
        { package: 'python3', fixed: '3.9.18-3.el9_4.5' },
      ]);
    });

    it('keeps findings of other advisories reached through the source', () => {
      const byBinary = fromCsaf('RLSA-2024:6163', [interval('python3-libs', '3.9.18-3.el9_4.5')]);
      const other = { ...bySource, id: 'RHSA-2024:9999', cves: ['CVE-2024-9999'] };
      const found = matchPackages(
        'rhel',
        [rpm('python3-libs', '3.9.18-3.el9_4.4', 'python3.9')],
        indexAdvisories([byBinary, bySource, other]),
      );
      // RLSA and RHSA say the same of the same CVE: one finding; the other CVE is its own.
      expect(found.map((f) => [f.advisory, f.cves[0]])).toEqual([
        ['RLSA-2024:6163', 'CVE-2024-8088'],
        ['RHSA-2024:9999', 'CVE-2024-9999'],
      ]);
    });
  });

  it('shows what the Debian tracker says: fixed, not affected, will not be fixed, open', () => {
    const tracker = parseDebianTracker(
      'tracker.json',
      readFileSync('test/fixtures/feeds/debian/security-tracker.json', 'utf8'),
      new Date('2026-11-26T00:00:00Z'),
    ).records;
    const installed = [
      { name: 'libdemo1', version: '1.0-1', arch: 'amd64', source: 'libdemo' },
      { name: 'demo-http', version: '2.0-1', arch: 'all', source: 'demo-http' },
      { name: 'oldlib1', version: '0.9-3', arch: 'amd64', source: 'oldlib' },
    ];
    const found = matchPackages('debian', installed, indexAdvisories(tracker)).map((f) => [
      f.package,
      f.cves[0],
      f.state,
      f.fixed,
      f.severity,
    ]);
    expect(found).toEqual([
      ['libdemo1', 'CVE-2026-90001', 'vulnerable', '1.1-1', 'Medium'],
      ['libdemo1', 'CVE-2026-90011', 'not-affected', null, 'Unimportant'],
      ['demo-http', 'CVE-2026-90002', 'vulnerable', '2.1-1', 'High'],
      ['oldlib1', 'CVE-2026-90021', 'wont-fix', null, 'Low'],
      ['oldlib1', 'CVE-2026-90022', 'unfixed', null, null],
    ]);
  });

  it('reports a CVE both OSV and the tracker describe once', () => {
    const tracker = parseDebianTracker(
      'tracker.json',
      readFileSync('resources/lab/feeds/debian/security-tracker.json', 'utf8'),
      new Date('2026-11-26T00:00:00Z'),
    ).records;
    const findings = matchPackages('debian', debian.packages, indexAdvisories([...osvDir('debian'), ...tracker]));
    expect(findings.map((f) => [f.advisory, f.cves[0]])).toEqual([['DEBIAN-CVE-2026-90002', 'CVE-2026-90002']]);
  });
});
