import { describe, expect, it } from 'vitest';
import { withUpgrades, workFor } from '../../src/main/rollout/rollout-service';
import type { FindingRow } from '../../src/shared/domain/queue';

const finding = (overrides: Partial<FindingRow> = {}): FindingRow => ({
  host: 'web1',
  advisory: 'DSA-5001-1',
  cves: ['CVE-2026-0001'],
  package: 'openssl',
  installed: '3.0.9-1',
  fixed: '3.0.11-1',
  severity: 'high',
  state: 'vulnerable',
  ...overrides,
});

const HOSTS = new Map([
  ['web1', 'debian'],
  ['web2', 'debian'],
  ['db1', 'rhel'],
]);
const FIXES = new Set(['DSA-5001-1', 'DSA-5002-1', 'RLSA-2026:9001', 'RLSA-2026:9002']);

describe('what each host of a rollout installs', () => {
  it('takes the vulnerable findings of the chosen fixes, each package to its fixed version', () => {
    const findings = [
      finding(),
      finding({ package: 'libssl3' }),
      finding({ host: 'db1', advisory: 'RLSA-2026:9001', fixed: '1:3.0.7-24.el9' }),
    ];
    expect(workFor(findings, FIXES, HOSTS, 'fixed')).toEqual({
      web1: [
        { name: 'libssl3', version: '3.0.11-1' },
        { name: 'openssl', version: '3.0.11-1' },
      ],
      db1: [{ name: 'openssl', version: '1:3.0.7-24.el9' }],
    });
  });

  it('leaves out fixes not chosen, findings not vulnerable, kernels not running, no fixed version and unknown hosts', () => {
    const findings = [
      finding({ package: 'chosen' }),
      finding({ package: 'other-fix', advisory: 'DSA-9999-1' }),
      finding({ package: 'unfixed', state: 'unfixed' }),
      finding({ package: 'wont-fix', state: 'wont-fix' }),
      finding({ package: 'not-affected', state: 'not-affected' }),
      finding({ package: 'linux-image-6.1.0-17-amd64', kernel: 'not-running' }),
      finding({ package: 'linux-image-6.1.0-18-amd64', kernel: 'running' }),
      finding({ package: 'no-fix', fixed: null }),
      finding({ host: 'gone', package: 'gone' }),
      // A host whose only findings are left out gets no entry at all.
      finding({ host: 'web2', package: 'kernel', kernel: 'not-running' }),
      finding({ host: 'web2', package: 'nofix', fixed: null }),
    ];
    expect(workFor(findings, FIXES, HOSTS, 'fixed')).toEqual({
      web1: [
        { name: 'chosen', version: '3.0.11-1' },
        { name: 'linux-image-6.1.0-18-amd64', version: '3.0.11-1' },
      ],
    });
    expect(workFor(findings, new Set(), HOSTS, 'fixed')).toEqual({});
  });

  it.each([
    ['1.9-1', '1.10-1'],
    ['1.10-1', '1.9-1'],
  ])('takes the highest fixed version by dpkg order on Debian (%s then %s)', (first, second) => {
    const findings = [
      finding({ advisory: 'DSA-5001-1', fixed: first }),
      finding({ advisory: 'DSA-5002-1', fixed: second }),
    ];
    expect(workFor(findings, FIXES, HOSTS, 'fixed')).toEqual({ web1: [{ name: 'openssl', version: '1.10-1' }] });
  });

  it('compares by rpm order on the RHEL family and by dpkg order on Debian, where the two differ', () => {
    // rpm ranks a number above letters (2.1 > 2.a); dpkg ranks any letter above the end of a
    // number's part (2.a > 2.1).
    const on = (host: string, advisories: [string, string]) => [
      finding({ host, advisory: advisories[0], fixed: '2.1' }),
      finding({ host, advisory: advisories[1], fixed: '2.a' }),
    ];
    const findings = [...on('db1', ['RLSA-2026:9001', 'RLSA-2026:9002']), ...on('web1', ['DSA-5001-1', 'DSA-5002-1'])];
    expect(workFor(findings, FIXES, HOSTS, 'fixed')).toEqual({
      db1: [{ name: 'openssl', version: '2.1' }],
      web1: [{ name: 'openssl', version: '2.a' }],
    });
  });

  it('lets an epoch outrank a higher upstream version on the RHEL family', () => {
    const findings = [
      finding({ host: 'db1', advisory: 'RLSA-2026:9001', fixed: '3.0.7-24.el9' }),
      finding({ host: 'db1', advisory: 'RLSA-2026:9002', fixed: '1:3.0.1-1.el9' }),
      finding({ host: 'db1', advisory: 'RLSA-2026:9001', package: 'demo', fixed: '2.4-9.el9' }),
      finding({ host: 'db1', advisory: 'RLSA-2026:9002', package: 'demo', fixed: '2.4-10.el9' }),
    ];
    expect(workFor(findings, FIXES, HOSTS, 'fixed')).toEqual({
      db1: [
        { name: 'demo', version: '2.4-10.el9' },
        { name: 'openssl', version: '1:3.0.1-1.el9' },
      ],
    });
  });

  it('asks for the newest the mirror has (version null) with latest', () => {
    const findings = [
      finding({ advisory: 'DSA-5001-1', fixed: '1.9-1' }),
      finding({ advisory: 'DSA-5002-1', fixed: '1.10-1' }),
      finding({ package: 'zlib1g' }),
      finding({ package: 'unfixed', state: 'unfixed' }),
    ];
    expect(workFor(findings, FIXES, HOSTS, 'latest')).toEqual({
      web1: [
        { name: 'openssl', version: null },
        { name: 'zlib1g', version: null },
      ],
    });
  });
});

describe("a host's work with its other pending upgrades", () => {
  const work = [
    { name: 'openssl', version: '3.0.11-1' },
    { name: 'libssl3', version: '3.0.11-1' },
  ];
  const upgrades = [
    { name: 'zlib1g', to: '1:1.2.13.dfsg-1' },
    { name: 'openssl', to: '3.0.13-1' },
    { name: 'bash', to: '5.2.15-2+b7' },
  ];

  it("adds the upgrades not already targeted, keeps the fixes' own versions, sorted by name", () => {
    expect(withUpgrades(work, upgrades, 'fixed')).toEqual([
      { name: 'bash', version: '5.2.15-2+b7' },
      { name: 'libssl3', version: '3.0.11-1' },
      { name: 'openssl', version: '3.0.11-1' },
      { name: 'zlib1g', version: '1:1.2.13.dfsg-1' },
    ]);
  });

  it('asks for the newest of the added upgrades with latest', () => {
    expect(withUpgrades([{ name: 'openssl', version: null }], upgrades, 'latest')).toEqual([
      { name: 'bash', version: null },
      { name: 'openssl', version: null },
      { name: 'zlib1g', version: null },
    ]);
  });

  it('is the work alone, sorted, when nothing else is pending, and the upgrades alone when no fix applies', () => {
    expect(withUpgrades(work, [], 'fixed')).toEqual([
      { name: 'libssl3', version: '3.0.11-1' },
      { name: 'openssl', version: '3.0.11-1' },
    ]);
    expect(withUpgrades([], [{ name: 'bash', to: '5.2.15-2+b7' }], 'fixed')).toEqual([
      { name: 'bash', version: '5.2.15-2+b7' },
    ]);
  });
});
