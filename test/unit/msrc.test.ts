import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HostInventory } from '../../src/shared/domain/inventory';
import { AppError } from '../../src/shared/result';
import {
  coveredKbs,
  matchWindows,
  msrcProductNames,
  pastBuild,
  windowsHostOf,
  type WindowsHost,
} from '../../src/main/domain/match/windows';
import { isMsrcHead, parseMsrcCvrf, supersededKbs, type MsrcData } from '../../src/main/feeds/msrc';
import type { MsrcProductFix } from '../../src/shared/domain/msrc';
import { openStore } from '../../src/main/store/database';
import { createFeedRepo } from '../../src/main/store/feed-repo';
import { MIGRATIONS } from '../../src/main/store/migrations';
import { sql as msrcSql } from '../../src/main/store/migrations/010-msrc';
import { createMsrcRepo } from '../../src/main/store/msrc-repo';
import { tempDir } from './support';

const XML = 'test/fixtures/feeds/msrc/msrc-2099-Jan.xml';
const JSON_FLAVOUR = 'test/fixtures/feeds/msrc/msrc-2099-Jan.json';
const read = (path: string): string => readFileSync(path, 'utf8');
const jan = parseMsrcCvrf('msrc-2099-Jan.xml', read(XML));

/** The fixes with their product names, as the store hands them out. */
const withProducts = (data: MsrcData): MsrcProductFix[] => {
  const names = new Map(data.products.map((product) => [product.id, product.name]));
  return data.records.map((fix) => ({ ...fix, document: data.id, product: names.get(fix.productId) ?? '' }));
};

function refusal(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('reading an MSRC CVRF document', () => {
  it('reads the month, its products and its dates', () => {
    expect(jan).toMatchObject({
      id: '2099-Jan',
      title: 'January 2099 Security Updates',
      released: '2099-01-13T08:00:00.000Z',
      dataDate: '2099-01-20T08:00:00.000Z',
      version: '2',
    });
    // Each product once, though the tree lists it under its branch and again flat.
    expect(jan.products).toHaveLength(9);
    expect(jan.products).toContainEqual({ id: '11926', name: 'Windows 11 version 21H2 for x64-based Systems' });
  });

  it('lists which KB fixes which CVE on which product, and nothing else', () => {
    const rows = jan.records.map((fix) => [
      fix.cve,
      fix.kb,
      fix.productId,
      fix.supersedes,
      fix.fixedBuild,
      fix.severity,
      fix.restartRequired,
      fix.subType,
      fix.exploited,
    ]);
    const update = 'Security Update';
    expect(rows).toEqual([
      ['CVE-2099-30001', '9990123', '11571', ['9990012'], '10.0.17763.9123', 'Important', true, update, true],
      ['CVE-2099-30001', '9990123', '11572', ['9990012'], '10.0.17763.9123', 'Important', true, update, true],
      ['CVE-2099-30001', '9990129', '11923', ['9990018'], '10.0.20348.9129', 'Critical', true, update, true],
      ['CVE-2099-30001', '9990129', '11924', ['9990018'], '10.0.20348.9129', 'Critical', true, update, true],
      [
        'CVE-2099-30001',
        '9990122',
        '12097',
        ['9990011', '9990005'],
        '10.0.19045.9122',
        'Important',
        true,
        update,
        true,
      ],
      ['CVE-2099-30002', '9990129', '11923', ['9990018'], '10.0.20348.9129', 'Important', true, update, false],
      ['CVE-2099-30002', '9990129', '11924', ['9990018'], '10.0.20348.9129', 'Important', true, update, false],
      [
        'CVE-2099-30002',
        '9990125',
        '12243',
        ['9990015', '9990014'],
        '10.0.22631.9125',
        'Important',
        null,
        update,
        false,
      ],
      ['CVE-2099-30004', '9990160', '11676-11923', ['9990061'], null, 'Important', false, 'Monthly Rollup', false],
    ]);
  });

  it('reads the JSON flavour of the same month to the same data', () => {
    expect(parseMsrcCvrf('msrc-2099-Jan.xml', read(JSON_FLAVOUR))).toEqual(jan);
  });

  it('reads the XML with a default namespace instead of prefixes', () => {
    const unprefixed = read(XML)
      .replace('<cvrf:cvrfdoc ', '<cvrfdoc xmlns="http://www.icasi.org/CVRF/schema/cvrf/1.1" ')
      .replaceAll('<cvrf:', '<')
      .replaceAll('</cvrf:', '</');
    expect(unprefixed).not.toContain('<cvrf:');
    expect(parseMsrcCvrf('msrc-2099-Jan.xml', unprefixed)).toEqual(jan);
  });

  it.each([
    ['5033371', ['5033371']],
    ['5033371, 5032190', ['5033371', '5032190']],
    ['KB5033371;KB5032190', ['5033371', '5032190']],
    ['5033371; 5033371', ['5033371']],
    ['', []],
    [null, []],
    ['n/a', []],
  ])('reads the Supercedence %j as %j', (value, kbs) => {
    expect(supersededKbs(value)).toEqual(kbs);
  });
});

describe('refusing what is not a usable MSRC document', () => {
  const xml = read(XML);
  const laughs = Array.from({ length: 9 }, (_, i) => {
    const inner = i === 0 ? 'lol' : `&lol${String(i - 1)};`.repeat(10);
    return `<!ENTITY lol${String(i)} "${inner}">`;
  }).join('');

  it.each([
    ['XML cut short', xml.slice(0, Math.floor(xml.length / 2)), /^m\.xml: not well-formed XML, perhaps cut short/],
    ['JSON cut short', read(JSON_FLAVOUR).slice(0, 2000), /^m\.xml: not valid JSON, perhaps cut short/],
    [
      'another XML document',
      read('test/fixtures/feeds/updateinfo/rocky9-updateinfo.xml'),
      /^m\.xml: not an MSRC CVRF document: its root element is not <cvrfdoc>$/,
    ],
    ['JSON of another kind', '{"catalogVersion": "1"}', /^m\.xml: not an MSRC CVRF document: DocumentTracking/],
    [
      'a month without an id',
      xml.replace('<cvrf:ID>2099-Jan</cvrf:ID>', ''),
      /^m\.xml: not an MSRC CVRF document: no DocumentTracking\/Identification\/ID/,
    ],
    [
      'a month without its release date',
      xml.replace(/<cvrf:CurrentReleaseDate>[^<]*<\/cvrf:CurrentReleaseDate>/, ''),
      /^m\.xml: 2099-Jan: no readable DocumentTracking\/CurrentReleaseDate$/,
    ],
    [
      'a month without a KB',
      xml.replaceAll('Type="Vendor Fix"', 'Type="Workaround"'),
      /^m\.xml: 2099-Jan: names no KB that fixes a CVE/,
    ],
    [
      'an entity-expansion document',
      `<?xml version="1.0"?>\n<!DOCTYPE cvrfdoc [${laughs}]>\n<cvrfdoc><DocumentTitle>&lol8;</DocumentTitle></cvrfdoc>`,
      /^m\.xml: declares a DOCTYPE, which no MSRC CVRF document has; entity declarations in a feed are refused$/,
    ],
  ])('refuses %s', (_case, body, message) => {
    const refused = refusal(() => parseMsrcCvrf('m.xml', body));
    expect(refused.code).toBe('feed_invalid');
    expect(refused.message).toMatch(message);
  });

  it.each([
    ['the XML fixture', read(XML).slice(0, 4096), true],
    ['the JSON fixture', read(JSON_FLAVOUR).slice(0, 4096), true],
    [
      'Red Hat CVRF',
      '<?xml version="1.0"?>\n<cvrfdoc xmlns="http://www.icasi.org/CVRF/schema/cvrf/1.1"><DocumentPublisher><ContactDetails>secalert@redhat.com</ContactDetails>',
      false,
    ],
    ['an updateinfo.xml', read('test/fixtures/feeds/updateinfo/rocky9-updateinfo.xml').slice(0, 4096), false],
    ['KEV', '{"title": "CISA Catalog", "catalogVersion": "2025.08.25"}', false],
  ])('recognises %s from its first 4 KB: %s', (_case, head, expected) => {
    expect(isMsrcHead(head)).toBe(expected);
  });
});

const server2022 = (ubr: number, kbs: string[] = []): WindowsHost => ({
  caption: 'Microsoft Windows Server 2022 Datacenter',
  build: 20348,
  ubr,
  displayVersion: '21H2',
  kbs: new Set(kbs),
});

/** Two later months for Windows Server 2022, each update replacing the one before. */
const later = (kb: string, supersedes: string, revision: string): MsrcProductFix => ({
  document: `2099-${kb}`,
  product: 'Windows Server 2022',
  cve: `CVE-2099-4${revision}`,
  kb,
  productId: '11923',
  supersedes: [supersedes],
  fixedBuild: `10.0.20348.${revision}`,
  severity: 'Important',
  restartRequired: true,
  subType: 'Security Update',
  exploited: false,
});
const feb = later('9990229', '9990129', '9229');
const mar = later('9990329', '9990229', '9329');
const { document: _document, product: _product, ...febFix } = feb;

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

describe('storing MSRC months', () => {
  // Migration 9 is someone else's and may not exist yet; migrate() applies ids in order and
  // does not require them to be contiguous.
  const migrations = [...MIGRATIONS.filter((m) => m.id <= 8), { id: 10, name: 'msrc', sql: msrcSql }];

  function open(dataDir: string) {
    const store = openStore({ dataDir, migrations });
    return { store, msrc: createMsrcRepo(store.db), feeds: createFeedRepo(store.db) };
  }

  function load(dataDir: string, data: MsrcData): void {
    const { store, msrc, feeds } = open(dataDir);
    try {
      store.db.transaction(() => {
        const recorded = feeds.record({
          feed: 'msrc',
          format: 'msrc-cvrf-xml',
          source: `${data.id}.xml`,
          sha256: '0'.repeat(64),
          bytes: 1,
          records: data.records.length,
          dataDate: data.dataDate,
          version: data.version,
          importedAt: '2099-02-01T00:00:00.000Z',
          importedBy: 'alice',
        });
        msrc.replaceDocument(data, recorded.id);
      })();
    } finally {
      store.close();
    }
  }

  it('keeps a month in a real SQLite file, replaces it when imported again, and adds the next', () => {
    const dataDir = tempDir();
    load(dataDir, jan);
    let { store, msrc } = open(dataDir);
    const server = ['windows server 2022', 'WINDOWS SERVER 2022 (SERVER CORE INSTALLATION)'];
    expect(msrc.count()).toBe(9);
    expect(msrc.newest()).toEqual({
      id: '2099-Jan',
      title: 'January 2099 Security Updates',
      released: '2099-01-13T08:00:00.000Z',
      updated: '2099-01-20T08:00:00.000Z',
    });
    const stored = msrc.fixesForProducts(server);
    const expected = withProducts(jan).filter((fix) => ['11923', '11924'].includes(fix.productId));
    expect(stored).toHaveLength(4);
    expect(stored).toEqual(expect.arrayContaining(expected));
    expect(matchWindows(server2022(9000), stored)).toEqual(matchWindows(server2022(9000), withProducts(jan)));
    store.close();

    // MSRC revises the month: the new revision replaces the old one whole.
    const revised: MsrcData = {
      ...jan,
      dataDate: '2099-01-27T08:00:00.000Z',
      records: jan.records.filter((fix) => fix.cve !== 'CVE-2099-30002'),
    };
    load(dataDir, revised);
    const february: MsrcData = {
      ...jan,
      id: '2099-Feb',
      title: 'February 2099 Security Updates',
      released: '2099-02-10T08:00:00.000Z',
      dataDate: '2099-02-10T08:00:00.000Z',
      records: [febFix],
    };
    load(dataDir, february);
    ({ store, msrc } = open(dataDir));
    try {
      expect(msrc.count()).toBe(6 + 1);
      expect(msrc.newest()?.id).toBe('2099-Feb');
      expect(msrc.fixesForProducts(['Windows Server 2022']).map((fix) => [fix.document, fix.kb, fix.cve])).toEqual([
        ['2099-Feb', '9990229', 'CVE-2099-49229'],
        ['2099-Jan', '9990129', 'CVE-2099-30001'],
      ]);
      expect(matchWindows(server2022(9000, ['9990229']), msrc.fixesForProducts(server))).toEqual([]);
      expect(msrc.fixesForProducts([])).toEqual([]);
    } finally {
      store.close();
    }
  });
});
