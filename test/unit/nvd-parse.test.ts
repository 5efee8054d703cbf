import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isNvdHead } from '../../src/main/feeds/nvd';
import { head } from './fixtures';
import { editedPage, firstV31, fromBytes, fromFile, metric, PAGE, PAGE_OF_ONE, record, type Page } from './nvd-pages';

describe('reading NVD CVE API 2.0 JSON', () => {
  it('reads every record of a page, dated by its timestamp', async () => {
    const data = await fromFile(PAGE);
    expect(data.dataDate).toBe('2023-10-18T18:04:18.493Z');
    expect(data.version).toBe('2.0');
    expect(data.records).toHaveLength(38);
    expect(new Set(data.records.map((cve) => cve.id)).size).toBe(38);
    expect(data.records.filter((cve) => cve.cvss.length === 0).map((cve) => cve.id)).toEqual([
      'CVE-2023-43250',
      'CVE-2023-45383',
      'CVE-2023-46009',
    ]);
    expect(data.records.every((cve) => cve.summary.length > 0 && cve.status.length > 0)).toBe(true);
    // Every v3.1 score NVD states is the one our calculator gives.
    expect(data.scoreMismatches).toEqual([]);
    expect(data.records[0]).toEqual({
      id: 'CVE-2023-27314',
      published: '2023-10-12T19:15:11.747Z',
      modified: '2023-10-18T18:00:24.900Z',
      status: 'Analyzed',
      summary:
        'ONTAP 9 versions prior to 9.8P19, 9.9.1P16, 9.10.1P12, 9.11.1P8, 9.12.1P2 and 9.13.1 are susceptible to a ' +
        'vulnerability which could allow a remote unauthenticated attacker to cause a crash of the HTTP service.',
      cvss: [
        metric('3.1', 'Primary', 7.5, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 'nvd@nist.gov', 'HIGH'),
        metric(
          '3.1',
          'Secondary',
          7.5,
          'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
          'security-alert@netapp.com',
          'HIGH',
        ),
      ],
      // NVD's own NVD-CWE-noinfo is no CWE.
      cwes: ['CWE-400'],
    });
  });

  it('keeps a Primary metric that is not NVD’s own', async () => {
    const { records } = await fromFile(PAGE);
    expect(records.find((cve) => cve.id === 'CVE-2023-22068')?.cvss).toEqual([
      metric('3.1', 'Primary', 4.9, 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:N/I:N/A:H', 'secalert_us@oracle.com', 'MEDIUM'),
    ]);
  });

  it.each([
    [
      'v2, severity beside cvssData',
      'CVE-2020-8167',
      metric('2.0', 'Primary', 4.3, 'AV:N/AC:M/Au:N/C:N/I:P/A:N', 'nvd@nist.gov', 'MEDIUM'),
    ],
    [
      'v3.0 from a CNA',
      'CVE-2021-3881',
      metric('3.0', 'Secondary', 7.1, 'CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:L', 'security@huntr.dev', 'HIGH'),
    ],
    [
      'v3.1 with changed scope',
      'CVE-2021-22903',
      metric('3.1', 'Primary', 6.1, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 'nvd@nist.gov', 'MEDIUM'),
    ],
    [
      'v4.0 with every optional metric written as X',
      'CVE-2024-5732',
      metric(
        '4.0',
        'Secondary',
        6.9,
        'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N/E:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/MAT:X/' +
          'MPR:X/MUI:X/MVC:X/MVI:X/MVA:X/MSC:X/MSI:X/MSA:X/S:X/AU:X/R:X/V:X/RE:X/U:X',
        'cna@vuldb.com',
        'MEDIUM',
      ),
    ],
  ])('reads a CVSS %s metric with its score and vector', async (_what, id, expected) => {
    const data = await fromFile(record(id));
    expect(data.records[0]?.cvss).toContainEqual(expected);
    expect(data.scoreMismatches).toEqual([]);
  });

  it('reads a bare record, dated by its lastModified', async () => {
    const data = await fromFile(record('CVE-2020-8167'));
    expect(data).toEqual({
      records: [
        {
          id: 'CVE-2020-8167',
          published: '2020-06-19T18:15:11.163Z',
          modified: '2021-10-21T14:35:21.047Z',
          status: 'Analyzed',
          summary:
            'A CSRF vulnerability exists in rails <= 6.0.3 rails-ujs module that could allow attackers to send CSRF tokens to wrong domains.',
          cvss: [
            metric('3.1', 'Primary', 6.5, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:H/A:N', 'nvd@nist.gov', 'MEDIUM'),
            metric('2.0', 'Primary', 4.3, 'AV:N/AC:M/Au:N/C:N/I:P/A:N', 'nvd@nist.gov', 'MEDIUM'),
          ],
          cwes: ['CWE-352'],
        },
      ],
      dataDate: '2021-10-21T14:35:21.047Z',
      version: null,
      scoreMismatches: [],
    });
  });

  it('reads one element of a page saved alone, {"cve": …}', async () => {
    const bare = readFileSync(record('CVE-2024-5732'), 'utf8');
    const data = await fromBytes('wrapped.json', `{"cve": ${bare}}`);
    expect(data.records.map((cve) => cve.id)).toEqual(['CVE-2024-5732']);
    expect(data.records[0]?.cvss).toHaveLength(4);
    expect(data.dataDate).toBe('2024-06-11T17:57:13.767Z');
  });

  it('reads a page of one, keeping the page’s timestamp even where its record is newer', async () => {
    const data = await fromFile(PAGE_OF_ONE);
    expect(data.records.map((cve) => [cve.id, cve.status, cve.modified])).toEqual([
      ['CVE-2022-1576', 'Modified', '2024-11-21T06:41:00.133Z'],
    ]);
    expect(data.dataDate).toBe('2023-01-03T21:56:15.797Z');
  });

  it.each([1, 7, 64 * 1024])('reads the same records in chunks of %i bytes', async (size) => {
    const whole = await fromBytes('page.json', readFileSync(PAGE), 1 << 30);
    expect(await fromBytes('page.json', readFileSync(PAGE), size)).toEqual(whole);
  });

  it('reads a page whose header comes after its records, and one of a longer query', async () => {
    const moved = editedPage((page) => {
      page.totalResults = 2038;
    });
    const { vulnerabilities, ...header } = JSON.parse(moved) as Page;
    const data = await fromBytes('page.json', JSON.stringify({ vulnerabilities, ...header }));
    expect(data.records).toHaveLength(38);
  });

  it('keeps NVD’s score where our calculator says otherwise, and reports it', async () => {
    const text = editedPage((page) => {
      firstV31(page, 0)['baseScore'] = 7.0;
    });
    const data = await fromBytes('page.json', text);
    expect(data.records[0]?.cvss[0]?.score).toBe(7);
    expect(data.scoreMismatches).toEqual([
      {
        cve: 'CVE-2023-27314',
        source: 'nvd@nist.gov',
        version: '3.1',
        vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
        stated: 7,
        computed: 7.5,
      },
    ]);
  });

  it('cuts a long summary, whitespace collapsed', async () => {
    const bare = JSON.parse(readFileSync(record('CVE-2021-3881'), 'utf8')) as {
      descriptions: { lang: string; value: string }[];
    };
    bare.descriptions = [
      { lang: 'es', value: 'otro' },
      { lang: 'en', value: `a\n\n  b ${'x'.repeat(3000)}` },
    ];
    const [cve] = (await fromBytes('long.json', JSON.stringify(bare))).records;
    expect(cve?.summary).toHaveLength(1000);
    expect(cve?.summary.startsWith('a b xxx')).toBe(true);
    expect(cve?.summary.endsWith('x…')).toBe(true);
  });
});

describe('telling NVD JSON from its first 4 KB', () => {
  it.each([
    ['an API page', head(PAGE), true],
    ['a bare record', head(record('CVE-2021-3881')), true],
    ['a page element saved alone', `{"cve": {"id": "CVE-2024-5732", "sourceIdentifier": "cna@vuldb.com"`, true],
    ['a page whose records come first', '{"vulnerabilities": [], "format": "NVD_CVE", "version": "2.0"', true],
    ['a KEV catalog', head('test/fixtures/feeds/kev/kev_slice.json'), false],
    ['an OSV record', head('test/fixtures/feeds/osv/almalinux9-ALSA-2024-2433.json'), false],
    ['the Debian tracker', head('test/fixtures/feeds/debian/security-tracker.json'), false],
    [
      'an OSV record named by its CVE',
      '{"id": "CVE-2024-1234", "modified": "2024-01-01T00:00:00Z", "affected": []}',
      false,
    ],
    ['a CSV file', 'cveID,vendorProject,product', false],
  ])('%s', (_what, text, expected) => {
    expect(isNvdHead(text)).toBe(expected);
  });
});
