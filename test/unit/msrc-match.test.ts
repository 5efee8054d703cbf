import { describe, expect, it } from 'vitest';
import type { HostInventory } from '../../src/shared/domain/inventory';
import {
  coveredKbs,
  matchWindows,
  msrcProductNames,
  pastBuild,
  windowsHostOf,
  type WindowsHost,
} from '../../src/main/domain/match/windows';
import { feb, jan, mar, server2022, withProducts } from './msrc-months';

describe('matching a Windows host against MSRC fixes', () => {
  const fixes = withProducts(jan);

  it('reports a KB the host lacks below its fixed build, once, with every CVE it fixes', () => {
    expect(matchWindows(server2022(9000), fixes)).toEqual([
      {
        advisory: 'KB9990129',
        cves: ['CVE-2099-30001', 'CVE-2099-30002'],
        severity: 'Critical',
        package: 'Windows Server 2022',
        installed: '10.0.20348.9000',
        fixed: '10.0.20348.9129',
        state: 'vulnerable',
      },
    ]);
  });

  it.each([
    ['the KB is installed', server2022(9000, ['9990129']), []],
    // February's fix supersedes January's: having it clears January, and February itself.
    ['a KB superseding it is installed', server2022(9000, ['9990229']), [feb]],
    ['a KB two supersessions later is installed', server2022(9000, ['9990329']), [feb, mar]],
    ['the build is the fixed build', server2022(9129), []],
    ['the build is past the fixed build', server2022(9300), []],
  ])('reports nothing when %s', (_case, host, months) => {
    expect(matchWindows(host, [...fixes, ...months])).toEqual([]);
  });

  it('reports the newest months too when the host has none of them', () => {
    expect(matchWindows(server2022(9000), [...fixes, feb, mar]).map((finding) => finding.advisory)).toEqual([
      'KB9990129',
      'KB9990229',
      'KB9990329',
    ]);
    // Past January's and February's builds, not March's.
    expect(matchWindows(server2022(9250), [...fixes, feb, mar]).map((finding) => finding.advisory)).toEqual([
      'KB9990329',
    ]);
  });

  it.each([
    // caption, build, ubr, display version, the KBs found
    ['Microsoft Windows Server 2019 Standard', 17763, 9000, null, ['KB9990123']],
    ['Microsoft Windows 10 Pro', 19045, 9000, '22H2', ['KB9990122']],
    ['Microsoft Windows 11 Enterprise', 22631, 9000, '23H2', ['KB9990125']],
    // Windows 11 21H2 has no fix this month; .NET and Edge are other products.
    ['Microsoft Windows 11 Pro', 22000, 9000, '21H2', []],
    // The same build as Server 2019, but a client: Windows 10 Version 1809.
    ['Microsoft Windows 10 Enterprise LTSC 2019', 17763, 9000, null, []],
    ['Microsoft Windows Server 2016 Standard', 14393, 9000, null, []],
  ])('%s (%d.%d) gets only its own product: %j', (caption, build, ubr, displayVersion, kbs) => {
    const host: WindowsHost = { caption, build, ubr, displayVersion, kbs: new Set() };
    expect(matchWindows(host, fixes).map((finding) => finding.advisory)).toEqual(kbs);
  });

  it('falls back to the KB as the fix when MSRC names no build, and to the worst severity of a KB', () => {
    const dotnet = fixes
      .filter((fix) => fix.kb === '9990160')
      .map((fix) => ({ ...fix, product: 'Windows Server 2022' }));
    expect(matchWindows(server2022(9999), dotnet)).toEqual([
      expect.objectContaining({ advisory: 'KB9990160', fixed: 'KB9990160', severity: 'Important' }),
    ]);
    expect(matchWindows(server2022(9999, ['9990160']), dotnet)).toEqual([]);
  });

  it.each([
    [
      'Microsoft Windows Server 2022 Datacenter',
      20348,
      null,
      ['Windows Server 2022', 'Windows Server 2022 (Server Core installation)'],
    ],
    [
      'Microsoft Windows 10 Pro',
      19045,
      '22H2',
      [
        'Windows 10 Version 22H2 for x64-based Systems',
        'Windows 10 Version 22H2 for 32-bit Systems',
        'Windows 10 Version 22H2 for ARM64-based Systems',
      ],
    ],
    // A build the table does not know yet: named from its DisplayVersion.
    [
      'Microsoft Windows 11 Pro',
      26200,
      '25H2',
      [
        'Windows 11 Version 25H2 for x64-based Systems',
        'Windows 11 Version 25H2 for 32-bit Systems',
        'Windows 11 Version 25H2 for ARM64-based Systems',
      ],
    ],
    ['Microsoft Windows Server 2099 Standard', 40000, null, []],
  ])('names %s (build %d) as MSRC does', (caption, build, displayVersion, names) => {
    expect(msrcProductNames({ caption, build, ubr: 0, displayVersion, kbs: new Set() })).toEqual(names);
  });

  it.each([
    [20348, 2227, '10.0.20348.2227', true],
    [20348, 2226, '10.0.20348.2227', false],
    [20348, 10000, '10.0.20348.9999', true],
    [20348, 2227, '20348.2227', true],
    [19045, 1, '10.0.19044.3930', true],
    [9600, 21700, '6.3.9600.21760', false],
    [9600, 21760, '6.3.9600.21760', true],
    // Edge's FixedBuild is a browser version, never an OS build.
    [20348, 2227, '121.0.2277.83', false],
    [20348, 2227, '10.0.20348', true],
    [20348, 2227, null, false],
    [20348, 2227, 'n/a', false],
  ])('build %d.%d is past %j: %s', (build, ubr, fixedBuild, past) => {
    expect(pastBuild({ build, ubr }, fixedBuild)).toBe(past);
  });

  it('walks supersedence transitively, whatever the order of the months', () => {
    expect([...coveredKbs(new Set(['9990329']), [mar, feb, ...fixes])].sort()).toEqual([
      '9990018',
      '9990129',
      '9990229',
      '9990329',
    ]);
  });

  it("reads a host from a Windows scan's inventory", () => {
    const inventory = {
      os: { id: 'windows', name: 'Microsoft Windows Server 2022 Datacenter', version: '21H2', family: 'windows' },
      windows: {
        build: '20348',
        ubr: 2227,
        hotfixes: [
          { kb: 'KB5034129', installedOn: '2024-01-10' },
          { kb: 'kb5032198', installedOn: null },
          { kb: 'Update for X', installedOn: null },
        ],
        services: [],
      },
    } as unknown as HostInventory;
    expect(windowsHostOf(inventory)).toEqual({
      caption: 'Microsoft Windows Server 2022 Datacenter',
      build: 20348,
      ubr: 2227,
      displayVersion: '21H2',
      kbs: new Set(['5034129', '5032198']),
    });
    expect(windowsHostOf({ ...inventory, os: { ...inventory.os, family: 'rhel' } })).toBeNull();
    expect(windowsHostOf({ ...inventory, windows: null })).toBeNull();
  });
});
