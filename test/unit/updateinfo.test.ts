import { describe, expect, it } from 'vitest';
import type { Advisory } from '../../src/shared/domain/advisory';
import { indexAdvisories, matchPackages } from '../../src/main/domain/match/match';
import { isUpdateinfoHead, parseUpdateinfo, updateinfoDate } from '../../src/main/feeds/updateinfo';
import { parseRhelInventory } from '../../src/main/fleet/collectors/rhel';
import { updateinfoXml, type AdvisoryEntry } from '../../src/main/lab/repo/updateinfo';
import { fixedIn, rpm } from './advisories';
import { head, read } from './fixtures';
import { entityBomb, refusal } from './refusal';

const ROCKY = 'test/fixtures/feeds/updateinfo/rocky9-updateinfo.xml';
const MIXED = 'test/fixtures/feeds/updateinfo/mixed-releases-updateinfo.xml';
const MSRC = 'test/fixtures/feeds/msrc/msrc-2099-Jan.xml';

const rocky = parseUpdateinfo('rocky9-updateinfo.xml', read(ROCKY));
const byId = (records: readonly Advisory[]) => new Map(records.map((advisory) => [advisory.id, advisory]));
/** name -> fixed, per ecosystem: the part of an advisory matching reads. */
const fixes = (advisory: Advisory | undefined) =>
  Object.fromEntries((advisory?.packages ?? []).map((p) => [`${p.ecosystem} ${p.name}`, p.fixed]));

describe('reading a repository updateinfo.xml', () => {
  it('turns a Rocky Linux 9 file into advisories dated by its newest update', () => {
    expect(rocky.dataDate).toBe('2099-06-01T06:00:01.000Z');
    expect(rocky.version).toBeNull();
    expect(rocky.records.map((advisory) => advisory.id)).toEqual([
      'RLSA-2099:1001',
      'RLSA-2099:1002',
      'RLBA-2099:1004',
      'RLSA-2099:1005',
      'RLSA-2099:1007',
      'RLSA-2099:1008',
      'RLSA-2099:1009',
    ]);
    expect(byId(rocky.records).get('RLSA-2099:1001')).toEqual({
      id: 'RLSA-2099:1001',
      source: 'updateinfo',
      summary: 'Moderate: curl security update',
      severity: 'Moderate',
      published: '2099-05-14T08:12:09.000Z',
      modified: '2099-05-14T08:12:09.000Z',
      withdrawn: null,
      cves: ['CVE-2099-10001', 'CVE-2099-10002'],
      // One interval per binary rpm: libcurl's two arches are one, the source rpm is none.
      packages: ['curl', 'libcurl'].map((name) => fixedIn('Rocky Linux:9', name, '7.76.1-29.el9_4.1')),
    });
  });

  it.each([
    // id, severity, CVEs, packages (ecosystem name -> fixed), published, modified, withdrawn
    [
      'RLSA-2099:1002',
      'Important',
      ['CVE-2099-10003'],
      { 'Rocky Linux:9 openssl': '1:3.0.7-27.el9', 'Rocky Linux:9 openssl-libs': '1:3.0.7-27.el9' },
      '2099-05-20T00:00:00.000Z',
      '2099-05-22T10:11:12.000Z',
      null,
    ],
    // A bug fix that closes a CVE is kept; its title carries no severity.
    [
      'RLBA-2099:1004',
      null,
      ['CVE-2099-10004'],
      { 'Rocky Linux:9 less': '590-4.el9_4' },
      '2099-05-23T00:00:00.000Z',
      '2099-05-23T00:00:00.000Z',
      null,
    ],
    [
      'RLSA-2099:1005',
      'Low',
      ['CVE-2099-10005'],
      { 'Rocky Linux:9 sudo': '1.9.5p2-10.el9_4' },
      '2099-05-24T00:00:00.000Z',
      '2099-05-25T00:00:00.000Z',
      '2099-05-25T00:00:00.000Z',
    ],
    // One id in two <update>s: merged.
    [
      'RLSA-2099:1007',
      'Important',
      ['CVE-2099-10007', 'CVE-2099-10008'],
      { 'Rocky Linux:9 kernel': '5.14.0-427.20.1.el9_4', 'Rocky Linux:9 kernel-tools': '5.14.0-427.20.1.el9_4' },
      '2099-05-27T00:00:00.000Z',
      '2099-05-28T00:00:00.000Z',
      null,
    ],
    // Revised: version 2 replaces version 1, with its dates as Unix seconds and " UTC".
    [
      'RLSA-2099:1008',
      'Critical',
      ['CVE-2099-10009'],
      { 'Rocky Linux:9 glibc': '2.34-100.el9_4.2' },
      '2099-05-31T00:00:00.000Z',
      '2099-06-01T06:00:01.000Z',
      null,
    ],
    [
      'RLSA-2099:1009',
      'Moderate',
      ['CVE-2099-10010'],
      { 'Rocky Linux:9 libxml2': '2.9.13-6.el9_4' },
      '2099-05-30T00:00:00.000Z',
      '2099-05-30T00:00:00.000Z',
      null,
    ],
  ])('%s: severity %s, CVEs %j, fixes %j', (id, severity, cves, packages, published, modified, withdrawn) => {
    const advisory = byId(rocky.records).get(id);
    expect(advisory).toMatchObject({ severity, cves, published, modified, withdrawn });
    expect(fixes(advisory)).toEqual(packages);
  });

  it('decodes escaped text once, and leaves out bug fixes without a CVE and modular collections', () => {
    expect(byId(rocky.records).get('RLSA-2099:1009')?.summary).toBe('Moderate: libxml2 & libxslt security update');
    expect(byId(rocky.records).has('RLBA-2099:1003')).toBe(false);
    expect(byId(rocky.records).has('RLSA-2099:1006')).toBe(false);
  });

  it.each([
    ['RHSA-2099:2001', { 'Red Hat:8 bash': '4.4.20-5.el8_10' }],
    ['ALSA-2099:2002', { 'AlmaLinux:9 zlib': '1.2.11-40.el9' }],
    // No <release>: the .el8 tag of its packages.
    ['ELSA-2099:2003', { 'Red Hat:8 tar': '2:1.30-9.el8_10' }],
    // Fedora's .fc40 is no release Patchwise matches.
    ['FEDORA-2099-abcdef0123', {}],
  ])('finds the ecosystem of %s from its release or its packages', (id, packages) => {
    const mixed = parseUpdateinfo('mixed-releases-updateinfo.xml', read(MIXED));
    expect(fixes(byId(mixed.records).get(id))).toEqual(packages);
    // The file is as recent as its newest update, kept or not.
    expect(mixed.dataDate).toBe('2099-03-09T00:00:00.000Z');
  });

  it.each([
    ['2024-05-01 12:34:56', '2024-05-01T12:34:56.000Z'],
    ['2024-05-01 06:00:01 UTC', '2024-05-01T06:00:01.000Z'],
    ['2024-05-01', '2024-05-01T00:00:00.000Z'],
    ['2023-11-13T22:21:51Z', '2023-11-13T22:21:51.000Z'],
    ['1714566896', '2024-05-01T12:34:56.000Z'],
    ['15mangled2', null],
    [null, null],
  ])('reads the date %j as %j', (value, iso) => {
    expect(updateinfoDate(value)).toBe(iso);
  });
});

/** The lab's advisories, written by the lab's own generator (src/main/lab/repo/updateinfo.ts). */
const labEntries: AdvisoryEntry[] = [
  ['RLSA-2026:9001', 'security', 'Important', 'libdemo', '1.1', 'x86_64', ['CVE-2026-90001']],
  ['RLSA-2026:9002', 'security', 'Moderate', 'demo-http', '2.1', 'noarch', ['CVE-2026-90002']],
  ['RLSA-2026:9003', 'security', 'Important', 'demo-kernel', '1.1', 'noarch', ['CVE-2026-90003']],
  ['RLBA-2026:9004', 'bugfix', undefined, 'demo-agent', '1.1', 'noarch', []],
].map(([id, type, severity, name, version, arch, cves]) => ({
  advisory: {
    id: id as string,
    type: type as 'security' | 'bugfix',
    ...(severity === undefined ? {} : { severity: severity as 'Important' | 'Moderate' }),
    title: `${name as string} update`,
    issued: '2026-10-13',
    description: 'SYNTHETIC',
  },
  cves: cves as string[],
  packages: [
    {
      name: name as string,
      epoch: 0,
      version: version as string,
      release: '1.el9',
      arch: arch as string,
      fileName: `${name as string}-${version as string}-1.el9.${arch as string}.rpm`,
      sha256: '0'.repeat(64),
    },
  ],
}));

describe('matching a host against updateinfo advisories', () => {
  it('reads what the lab writes, and finds on a lab Rocky host what the OSV records find', () => {
    const lab = parseUpdateinfo('updateinfo.xml', updateinfoXml(labEntries));
    expect(lab.records.map((advisory) => advisory.id)).toEqual(['RLSA-2026:9001', 'RLSA-2026:9002', 'RLSA-2026:9003']);
    const host = parseRhelInventory(read('test/fixtures/collectors/rocky-api1.txt'));
    expect(matchPackages('rhel', host.packages, indexAdvisories(lab.records))).toEqual([
      {
        advisory: 'RLSA-2026:9002',
        cves: ['CVE-2026-90002'],
        severity: 'Moderate',
        package: 'demo-http',
        installed: '2.0-1.el9',
        fixed: '2.1-1.el9',
        state: 'vulnerable',
      },
    ]);
  });

  it.each([
    // package, installed, the advisory reporting it (or none)
    ['curl', '7.76.1-29.el9_4', 'RLSA-2099:1001'],
    ['libcurl', '7.76.1-29.el9_4.1', null],
    ['openssl-libs', '1:3.0.7-25.el9', 'RLSA-2099:1002'],
    // Without the epoch the installed version is 0:3.1, older than 1:3.0.7.
    ['openssl', '3.1.0-1.el9', 'RLSA-2099:1002'],
    ['openssl', '1:3.0.7-27.el9', null],
    // Fixed by version 1 of the advisory, not by the revision.
    ['glibc', '2.34-100.el9_4.1', 'RLSA-2099:1008'],
    ['glibc', '2.34-100.el9_4.2', null],
    ['kernel-tools', '5.14.0-427.13.1.el9_4', 'RLSA-2099:1007'],
    // Retracted: withdrawn advisories are not matched.
    ['sudo', '1.9.5p2-9.el9', null],
    // Modular: left out.
    ['nodejs', '1:16.20.2-1.module+el9.4.0+100+abc', null],
  ])('%s %s: %s', (name, version, advisory) => {
    const findings = matchPackages('rhel', [rpm(name, version, `${name}-src.rpm`)], indexAdvisories(rocky.records));
    expect(findings.map((finding) => finding.advisory)).toEqual(advisory === null ? [] : [advisory]);
    if (advisory !== null) expect(findings[0]).toMatchObject({ installed: version, state: 'vulnerable' });
  });
});

describe('refusing what is not a usable updateinfo.xml', () => {
  const text = read(ROCKY);

  it.each([
    ['cut short', text.slice(0, Math.floor(text.length / 2)), /^half\.xml: not well-formed XML, perhaps cut short/],
    ['not XML at all', '{"updates": []}', /^half\.xml: not well-formed XML/],
    ['another XML document', read(MSRC), /^half\.xml: not an updateinfo\.xml: its root element is not <updates>/],
    [
      'only bug fixes',
      text.replace(/type="security"/g, 'type="bugfix"').replace(/type="cve"/g, 'type="bugzilla"'),
      /^half\.xml: none of its 11 updates is a security update/,
    ],
    ['undated', text.replace(/date="[^"]*"/g, 'date=""'), /^half\.xml: none of its 11 updates carries a readable/],
    [
      'a package without a version',
      text.replace('name="less" version="590"', 'name="less"'),
      /^half\.xml: RLBA-2099:1004: a <package> without name, version or release$/,
    ],
    [
      'a version rpm cannot order',
      text.replace('version="590"', 'version="5 90"'),
      /^half\.xml: RLBA-2099:1004: less 5 90-4\.el9_4 is not an rpm version/,
    ],
  ])('refuses %s', (_case, body, message) => {
    const refused = refusal(() => parseUpdateinfo('half.xml', body));
    expect(refused.code).toBe('feed_invalid');
    expect(refused.message).toMatch(message);
  });

  it('refuses an entity-expansion document without expanding it', () => {
    const bomb = entityBomb('updates', '<updates><update type="security"><id>&lol8;</id></update></updates>');
    expect(isUpdateinfoHead(bomb)).toBe(true);
    const refused = refusal(() => parseUpdateinfo('bomb.xml', bomb));
    expect(refused).toEqual({
      code: 'feed_invalid',
      message: 'bomb.xml: declares a DOCTYPE, which no updateinfo.xml has; entity declarations in a feed are refused',
    });
  });

  it('reads an undeclared entity reference as written, never resolving it', () => {
    const body = text
      .replace('<title>Moderate: curl security update</title>', '<title>&xxe; &constructor; curl</title>')
      .replace('<severity>Moderate</severity>', '<severity>constructor</severity>');
    expect(byId(parseUpdateinfo('x.xml', body).records).get('RLSA-2099:1001')).toMatchObject({
      summary: '&xxe; &constructor; curl',
      severity: null,
    });
  });
});

describe('recognising an updateinfo.xml from its first 4 KB', () => {
  it.each([
    ['the Rocky fixture', head(ROCKY), true],
    ['the lab file', updateinfoXml(labEntries).slice(0, 4096), true],
    [
      'a BOM, no declaration, a comment',
      '\uFEFF<!-- mirror -->\n<updates xmlns="http://novell.com/package/metadata/suse/updateinfo">',
      true,
    ],
    ['an MSRC document', head(MSRC), false],
    ['repomd.xml', '<?xml version="1.0"?>\n<repomd xmlns="http://linux.duke.edu/metadata/repo">', false],
    ['a longer root name', '<updatesfeed/>', false],
    ['JSON', '{"updates": []}', false],
  ])('%s: %s', (_case, text, expected) => {
    expect(isUpdateinfoHead(text)).toBe(expected);
  });
});
