import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/main/store/database';
import { createCveRepo } from '../../src/main/store/cve-repo';
import { createFeedRepo } from '../../src/main/store/feed-repo';
import { MIGRATIONS } from '../../src/main/store/migrations';
import { sql as nvdSql } from '../../src/main/store/migrations/009-nvd';
import type { CveRecord, CvssMetric } from '../../src/shared/domain/cve';
import { fromFile, metric, PAGE, record } from './nvd-pages';
import { tempDir } from './support';

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
