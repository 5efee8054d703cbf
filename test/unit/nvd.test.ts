import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isNvdHead, parseNvd, type NvdData } from '../../src/main/feeds/nvd';
import { openStore } from '../../src/main/store/database';
import { createCveRepo } from '../../src/main/store/cve-repo';
import { createFeedRepo } from '../../src/main/store/feed-repo';
import { MIGRATIONS } from '../../src/main/store/migrations';
import { sql as nvdSql } from '../../src/main/store/migrations/009-nvd';
import type { CveRecord, CvssMetric } from '../../src/shared/domain/cve';
import { AppError } from '../../src/shared/result';
import { tempDir } from './support';

const NVD = 'test/fixtures/feeds/nvd';
const PAGE = `${NVD}/nvd-api2-page-38-entries.json`;
const PAGE_OF_ONE = `${NVD}/nvd-api2-page-single-entry.json`;
const record = (id: string): string => `${NVD}/${id}.json`;

/** The file as the import hands it over: in chunks, here small and odd-sized so tokens and characters straddle them. */
const fromFile = (path: string, chunk = 997): Promise<NvdData> =>
  parseNvd(basename(path), createReadStream(path, { highWaterMark: chunk }) as AsyncIterable<Buffer>);

function* chunks(bytes: Buffer, size: number): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}
const fromBytes = (name: string, bytes: Buffer | string, size = 1024): Promise<NvdData> =>
  parseNvd(name, Readable.from(chunks(Buffer.from(bytes), size)) as AsyncIterable<Buffer>);

interface Page {
  resultsPerPage: number;
  totalResults: number;
  vulnerabilities: { cve: { id: string; metrics: Record<string, { cvssData: Record<string, unknown> }[]> } }[];
}
/** The 38-record page, changed by `edit`, as JSON text. */
function editedPage(edit: (page: Page) => void): string {
  const page = JSON.parse(readFileSync(PAGE, 'utf8')) as Page;
  edit(page);
  return JSON.stringify(page);
}
const firstV31 = (page: Page, index: number): Record<string, unknown> => {
  const data = page.vulnerabilities[index]?.cve.metrics['cvssMetricV31']?.[0]?.cvssData;
  if (!data) throw new Error(`record ${String(index)} has no v3.1 metric`);
  return data;
};

async function refusal(parsing: Promise<unknown>): Promise<AppError> {
  try {
    await parsing;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

const metric = (
  version: CvssMetric['version'],
  type: CvssMetric['type'],
  score: number,
  vector: string,
  source = 'nvd@nist.gov',
  severity: string | null = null,
): CvssMetric => ({ version, vector, score, severity, source, type });

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

  const pageBytes = (): Buffer => readFileSync(PAGE);
  const refusals: [string, () => Buffer | string, RegExp][] = [
    ['a file cut in half', () => pageBytes().subarray(0, 80_000), /page\.json: not valid JSON, perhaps cut short/],
    [
      'a file cut just after a record',
      () => {
        const text = pageBytes().toString('utf8');
        return text.slice(0, text.indexOf('"cve": {', 100_000) - 20);
      },
      /page\.json: not valid JSON, perhaps cut short/,
    ],
    ['an empty file', () => '', /page\.json: not valid JSON/],
    [
      'a page with fewer records than it says',
      () => editedPage((page) => page.vulnerabilities.splice(36)),
      /page\.json: the page says it holds 38 records \(resultsPerPage 38, totalResults 38 from startIndex 0\) but has 36/,
    ],
    [
      'a page with more records than a page holds',
      () =>
        editedPage((page) => {
          page.resultsPerPage = 30;
        }),
      /says it holds 30 records .* but has 38/,
    ],
    [
      'a v3.1 vector that does not parse',
      () =>
        editedPage((page) => {
          firstV31(page, 2)['vectorString'] = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L';
        }),
      /record 3 \(CVE-2023-45391\): metrics\.cvssMetricV31\.0: CVSS 3\.1 vector "CVSS:3\.1\/AV:N.*" does not parse: missing base metric A/,
    ],
    [
      'a v3.0 vector in a v3.1 metric',
      () =>
        editedPage((page) => {
          firstV31(page, 0)['vectorString'] = 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H';
        }),
      /record 1 \(CVE-2023-27314\): .* a CVSS 3\.1 metric holds a CVSS 3\.0 vector/,
    ],
    [
      'a v4.0 vector with a value v4.0 does not have',
      () => readFileSync(record('CVE-2024-5732'), 'utf8').replace('/AT:N/', '/AT:Q/'),
      /the record: metrics\.cvssMetricV40\.0: CVSS 4\.0 vector .* does not parse: AT:Q is not valid/,
    ],
    [
      'a v2 vector that does not parse',
      () => readFileSync(record('CVE-2020-8167'), 'utf8').replace('AV:N/AC:M/Au:N', 'AV:N/AC:M/Au:X'),
      /CVSS 2\.0 vector "AV:N\/AC:M\/Au:X\/C:N\/I:P\/A:N" does not parse/,
    ],
    [
      'a record without a CVE id',
      () =>
        editedPage((page) => {
          if (page.vulnerabilities[4]) page.vulnerabilities[4].cve.id = 'GHSA-1234';
        }),
      /record 5 \(GHSA-1234\): cve\.id must look like CVE-2024-12345/,
    ],
    [
      'a record listed twice',
      () =>
        editedPage((page) => {
          if (page.vulnerabilities[5] && page.vulnerabilities[6]) page.vulnerabilities[6] = page.vulnerabilities[5];
        }),
      /record 7 \(CVE-2023-3746\): CVE-2023-3746 is listed twice/,
    ],
    [
      'a page of another NVD format',
      () => pageBytes().toString('utf8').replace('"NVD_CVE"', '"NVD_CPE"'),
      /page\.json: not an NVD CVE API page: format must be NVD_CVE/,
    ],
    [
      'JSON that is no NVD data',
      () => '{"catalogVersion": "2025.08.25", "count": 0}',
      /not an NVD CVE API 2\.0 page or record/,
    ],
    ['a JSON array', () => '[{"cve": {}}]', /not a JSON object/],
    [
      'bytes that are not UTF-8',
      () => Buffer.concat([pageBytes().subarray(0, 5000), Buffer.from([0xff, 0xfe]), pageBytes().subarray(5000)]),
      /page\.json is not UTF-8 text/,
    ],
  ];
  it.each(refusals)('refuses %s, saying which file and why', async (_what, make, message) => {
    const error = await refusal(fromBytes('page.json', make()));
    expect(error.code).toBe('feed_invalid');
    expect(error.message).toMatch(message);
  });

  it('refuses a truncated file on disk, naming it', async () => {
    const dir = tempDir();
    const path = `${dir}/nvdcve-2.0-2023.json`;
    writeFileSync(path, readFileSync(PAGE).subarray(0, 150_000));
    const error = await refusal(fromFile(path, 64 * 1024));
    expect([error.code, error.message]).toEqual([
      'feed_invalid',
      expect.stringMatching(/^nvdcve-2\.0-2023\.json: not valid JSON/),
    ]);
  });
});

describe('telling NVD JSON from its first 4 KB', () => {
  const head = (path: string): string => readFileSync(path, 'utf8').slice(0, 4096);
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

describe('the CVE store', () => {
  // Until migrations/index.ts registers 009-nvd, the test adds it (once it does, this is a no-op).
  const migrations = [...MIGRATIONS.filter((m) => m.id !== 9), { id: 9, name: 'nvd', sql: nvdSql }].sort(
    (a, b) => a.id - b.id,
  );

  function openCves() {
    const store = openStore({ dataDir: tempDir(), migrations });
    const { id: importId } = createFeedRepo(store.db).record({
      feed: 'nvd',
      format: 'nvd-json',
      source: 'nvd-api2-page-38-entries.json',
      sha256: '0'.repeat(64),
      bytes: 164_453,
      records: 38,
      dataDate: '2023-10-18T18:04:18.493Z',
      version: '2.0',
      importedAt: '2023-10-19T08:00:00.000Z',
      importedBy: 'alice',
    });
    const cves = createCveRepo(store.db);
    const put = (records: CveRecord[]): void => {
      store.db.transaction(() => {
        for (const cve of records) cves.put(cve, importId);
      })();
    };
    return { store, cves, put };
  }

  it('gives back every record of a page as it was read', async () => {
    const { store, cves, put } = openCves();
    const { records } = await fromFile(PAGE);
    put(records);
    expect(cves.count()).toBe(38);
    expect(records.map((cve) => cves.get(cve.id))).toEqual(records);
    expect(cves.modified('CVE-2023-27314')).toBe('2023-10-18T18:00:24.900Z');
    expect(cves.newestModified()).toBe('2023-10-18T18:04:04.597Z');
    expect(cves.get('CVE-1999-0001')).toBeUndefined();
    store.close();
  });

  it('keeps one row per CVE, a newer record replacing its metrics and CWEs', async () => {
    const { store, cves, put } = openCves();
    const [old] = (await fromFile(record('CVE-2024-5732'))).records;
    if (!old) throw new Error('no record');
    put([old]);
    const newer: CveRecord = {
      ...old,
      modified: '2025-01-01T00:00:00.000Z',
      status: 'Modified',
      cvss: [metric('3.1', 'Primary', 7.3, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L')],
      cwes: ['CWE-306'],
    };
    put([newer]);
    expect(cves.count()).toBe(1);
    expect(cves.get(old.id)).toEqual(newer);
    expect(store.db.prepare('SELECT count(*) AS n FROM cve_cvss').get()).toEqual({ n: 1 });
    store.close();
  });

  const V31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
  const V30 = 'CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:L';
  const V40 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N';
  const V2 = 'AV:N/AC:L/Au:N/C:P/I:P/A:P';
  it.each<[string, CvssMetric[], { score: number; version: string } | null]>([
    [
      'NVD’s Primary v3.1 over a CNA’s v4.0 and NVD’s v2',
      [
        metric('4.0', 'Secondary', 6.9, V40, 'cna@vuldb.com'),
        metric('2.0', 'Primary', 7.5, V2),
        metric('3.1', 'Primary', 9.8, V31),
      ],
      { score: 9.8, version: '3.1' },
    ],
    [
      'a Primary v4.0 over v3.0 and v2',
      [metric('3.0', 'Primary', 7.1, V30), metric('2.0', 'Primary', 7.5, V2), metric('4.0', 'Primary', 6.9, V40)],
      { score: 6.9, version: '4.0' },
    ],
    [
      'a Primary v3.0 over v2',
      [metric('2.0', 'Primary', 7.5, V2), metric('3.0', 'Primary', 7.1, V30)],
      { score: 7.1, version: '3.0' },
    ],
    [
      'a Primary v2 over a Secondary v3.1',
      [metric('3.1', 'Secondary', 9.8, V31, 'cna@example.org'), metric('2.0', 'Primary', 7.5, V2)],
      { score: 7.5, version: '2.0' },
    ],
    [
      'among Secondaries, v3.1 first',
      [metric('4.0', 'Secondary', 6.9, V40, 'cna@vuldb.com'), metric('3.1', 'Secondary', 7.3, V31, 'cna@vuldb.com')],
      { score: 7.3, version: '3.1' },
    ],
    [
      'between two Primary v3.1, NVD’s own',
      [metric('3.1', 'Primary', 5.5, V31, 'a-cna@example.org'), metric('3.1', 'Primary', 9.8, V31, 'nvd@nist.gov')],
      { score: 9.8, version: '3.1' },
    ],
    ['none for a CVE without metrics', [], null],
  ])('chooses %s', async (_what, cvss, expected) => {
    const { store, cves, put } = openCves();
    const [base] = (await fromFile(record('CVE-2024-5732'))).records;
    if (!base) throw new Error('no record');
    put([{ ...base, cvss }]);
    const chosen = cves.cvss(base.id);
    expect(chosen && { score: chosen.score, version: chosen.version }).toEqual(expected);
    if (chosen) expect(cvss).toContainEqual(expect.objectContaining({ vector: chosen.vector, score: chosen.score }));
    expect(cves.cvss('CVE-1999-0001')).toBeNull();
    store.close();
  });

  it('chooses NVD’s v3.1 for the fixtures that carry several versions', async () => {
    const { store, cves, put } = openCves();
    for (const id of ['CVE-2021-3881', 'CVE-2024-5732']) put((await fromFile(record(id))).records);
    expect(cves.cvss('CVE-2021-3881')).toEqual({ score: 9.8, vector: V31, version: '3.1' });
    expect(cves.cvss('CVE-2024-5732')).toEqual({ score: 9.8, vector: V31, version: '3.1' });
    store.close();
  });
});
