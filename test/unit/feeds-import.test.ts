import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { runFeeds } from '../../src/main/cli/feeds';
import { createAdvisoryRepo } from '../../src/main/store/advisory-repo';
import { createFeedRepo } from '../../src/main/store/feed-repo';
import { fixedIn } from './advisories';
import { edited, EPSS, EPSS_NO_COMMENT, EPSS_OLD_STYLE, KEV_CSV, KEV_JSON, snapshot } from './feed-imports';
import { admin, makeApp, tempDir } from './support';

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('importing CISA KEV', () => {
  it('reads the JSON catalog with its release date and version, and every entry', async () => {
    const app = makeApp();
    const result = await app.services.feeds.importFile(KEV_JSON, admin);
    expect(result).toEqual({
      name: 'kev',
      source: 'kev_slice.json',
      format: 'kev-json',
      records: 30,
      dataDate: '2025-08-25T17:04:19.979Z',
      status: 'imported',
      notes: [],
    });
    const repo = createFeedRepo(app.store.db);
    expect(repo.kev('CVE-2025-48384')).toEqual({
      cve: 'CVE-2025-48384',
      vendor: 'Git',
      product: 'Git',
      name: 'Git Link Following Vulnerability',
      dateAdded: '2025-08-25',
      dueDate: '2025-09-15',
      ransomware: 'unknown',
      requiredAction: expect.stringMatching(/^Apply mitigations per vendor instructions/) as unknown,
    });
    expect(app.services.feeds.status()).toEqual([
      expect.objectContaining({ name: 'kev', records: 30, version: '2025.08.25', sha256: sha256(KEV_JSON) }),
    ]);
    expect(app.services.audit.list(5, undefined)[0]).toMatchObject({ action: 'feed.import', target: 'feed:kev' });
  });

  it('reads the CSV edition to the same entries, dated by its newest entry', async () => {
    const fromJson = makeApp();
    const fromCsv = makeApp();
    await fromJson.services.feeds.importFile(KEV_JSON, admin);
    const result = await fromCsv.services.feeds.importFile(KEV_CSV, admin);
    expect(result).toMatchObject({ format: 'kev-csv', records: 30, dataDate: '2025-08-25T00:00:00.000Z' });
    expect(snapshot(fromCsv.dataDir).kev).toEqual(snapshot(fromJson.dataDir).kev);
  });

  it('counts ransomware use', async () => {
    const app = makeApp();
    await app.services.feeds.importFile(KEV_JSON, admin);
    const known = app.store.db.prepare("SELECT count(*) AS n FROM kev WHERE ransomware = 'known'").get() as {
      n: number;
    };
    const expected = (
      JSON.parse(readFileSync(KEV_JSON, 'utf8')) as { vulnerabilities: { knownRansomwareCampaignUse: string }[] }
    ).vulnerabilities.filter((entry) => entry.knownRansomwareCampaignUse === 'Known').length;
    expect(known.n).toBe(expected);
  });
});

describe('importing EPSS', () => {
  it.each([
    [EPSS, '2026-09-29T12:00:22.000Z', 'v2025.03.14'],
    [EPSS_OLD_STYLE, '2025-02-20T00:00:00.000Z', 'v2023.03.01'],
    [EPSS_NO_COMMENT, '2022-02-04T00:00:00.000Z', null],
  ])('reads %s with its score date', async (path, date, version) => {
    const app = makeApp();
    const rows = readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .filter((line) => line.startsWith('CVE-'));
    await expect(app.services.feeds.importFile(path, admin)).resolves.toMatchObject({
      name: 'epss',
      records: rows.length,
      dataDate: date,
    });
    expect(app.services.feeds.status()[0]).toMatchObject({ version, records: rows.length });
  });

  it('reads scientific notation and keeps both numbers', async () => {
    const app = makeApp();
    await app.services.feeds.importFile(EPSS_NO_COMMENT, admin);
    expect(createFeedRepo(app.store.db).epss('CVE-1999-0001')).toEqual({
      cve: 'CVE-1999-0001',
      probability: 0.00004,
      percentile: 0.00512,
    });
  });

  it('reads a gzip file as FIRST publishes it, recording the checksum of the file as given', async () => {
    const path = join(tempDir(), 'epss_scores-2026-09-29.csv.gz');
    writeFileSync(path, gzipSync(readFileSync(EPSS)));
    const app = makeApp();
    await expect(app.services.feeds.importFile(path, admin)).resolves.toMatchObject({ status: 'imported' });
    expect(app.services.feeds.status()[0]?.sha256).toBe(sha256(path));
  });
});

describe('importing OSV records', () => {
  it('reads AlmaLinux advisories with their CVEs, rpm names and fixed versions', async () => {
    const app = makeApp();
    const result = await app.services.feeds.importFile('test/fixtures/feeds/osv/almalinux9-ALSA-2024-2433.json', admin);
    expect(result).toMatchObject({ name: 'osv', format: 'osv-json', records: 1, dataDate: '2024-05-07T15:04:20Z' });
    const [advisory] = createAdvisoryRepo(app.store.db).forEcosystem('AlmaLinux:9');
    expect(advisory).toMatchObject({
      id: 'ALSA-2024:2433',
      severity: 'Moderate',
      cves: ['CVE-2023-38469', 'CVE-2023-38470', 'CVE-2023-38471', 'CVE-2023-38472', 'CVE-2023-38473'],
    });
    expect(advisory?.packages).toContainEqual(fixedIn('AlmaLinux:9', 'avahi', '0.8-20.el9'));
  });

  it('imports a folder: each feed file in it, and says which it cannot read', async () => {
    const dataDir = tempDir();
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((text: unknown) => {
      printed.push(String(text));
    });
    const folder = join(tempDir(), 'bundle');
    cpSync('resources/lab/feeds', folder, { recursive: true });
    writeFileSync(join(folder, 'notes.json'), '{"not": "a feed"}');
    try {
      // The lab's synthetic bundle (KEV, EPSS, an NVD page, seven OSV records, the Debian tracker) and a stray file.
      expect(await runFeeds({ action: 'import', paths: [folder], json: false }, dataDir)).toBe(1);
    } finally {
      vi.restoreAllMocks();
    }
    expect(printed.filter((line) => line.startsWith('imported'))).toHaveLength(11);
    expect(printed.filter((line) => line.startsWith('failed'))).toEqual([
      expect.stringMatching(/notes\.json: not a feed format Patchwise reads/),
    ]);
    const app = makeApp(dataDir);
    expect(app.services.feeds.status().map((feed) => [feed.name, feed.records])).toEqual([
      ['kev', 1],
      ['epss', 3],
      ['nvd', 4],
      ['osv', 7],
      ['debian-tracker', 3],
    ]);
  });

  it('replaces the Debian tracker whole, keeping each state', async () => {
    const app = makeApp();
    await app.services.feeds.importFile('resources/lab/feeds/debian/security-tracker.json', admin);
    await expect(
      app.services.feeds.importFile('test/fixtures/feeds/debian/security-tracker.json', admin),
    ).resolves.toMatchObject({ name: 'debian-tracker', format: 'debian-tracker-json', records: 5 });
    const held = createAdvisoryRepo(app.store.db).forEcosystem('Debian:12');
    expect(held.map((a) => [a.id, a.packages.map((p) => p.status)])).toEqual([
      ['DEBIAN-TRACKER/demo-http/CVE-2026-90002', ['affected']],
      ['DEBIAN-TRACKER/libdemo/CVE-2026-90001', ['affected']],
      ['DEBIAN-TRACKER/libdemo/CVE-2026-90011', ['not-affected']],
      ['DEBIAN-TRACKER/oldlib/CVE-2026-90021', ['wont-fix']],
      ['DEBIAN-TRACKER/oldlib/CVE-2026-90022', ['affected']],
    ]);
  });

  it('keeps the newer of two versions of a record, and changes nothing for the same one', async () => {
    const app = makeApp();
    const path = 'test/fixtures/feeds/osv/almalinux8-ALSA-2023-4520.json';
    await app.services.feeds.importFile(path, admin);
    const before = snapshot(app.dataDir);
    await expect(app.services.feeds.importFile(path, admin)).resolves.toMatchObject({ status: 'unchanged' });
    const older = edited(path, (text) => text.replace(/"modified": "[^"]+"/, '"modified": "2020-01-01T00:00:00Z"'));
    await expect(app.services.feeds.importFile(older, admin)).rejects.toMatchObject({ code: 'conflict' });
    expect(snapshot(app.dataDir)).toEqual(before);
  });

  it('refuses a record that names no distribution package it can match', async () => {
    const app = makeApp();
    const npm = edited('test/fixtures/feeds/osv/almalinux8-ALSA-2023-4520.json', (text) =>
      text.replaceAll('"AlmaLinux:8"', '"npm"'),
    );
    await expect(app.services.feeds.importFile(npm, admin)).rejects.toMatchObject({
      code: 'feed_invalid',
      message: expect.stringMatching(/names no package of a distribution Patchwise matches/) as unknown,
    });
  });
});

describe('what an import changes', () => {
  it('changes nothing when the same file comes again', async () => {
    const app = makeApp();
    await app.services.feeds.importFile(KEV_JSON, admin);
    const before = snapshot(app.dataDir);
    const again = join(tempDir(), 'renamed.json');
    copyFileSync(KEV_JSON, again);
    await expect(app.services.feeds.importFile(again, admin)).resolves.toMatchObject({ status: 'unchanged' });
    expect(snapshot(app.dataDir)).toEqual(before);
  });

  it('replaces a feed with newer data, and refuses older data with a clear error', async () => {
    const app = makeApp();
    await app.services.feeds.importFile(EPSS_OLD_STYLE, admin);
    await app.services.feeds.importFile(EPSS, admin);
    const newer = snapshot(app.dataDir);
    expect(newer.epss).toHaveLength(17);
    await expect(app.services.feeds.importFile(EPSS_NO_COMMENT, admin)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/of 2022-02-04, older than the 2026-09-29 data already imported/) as unknown,
    });
    expect(snapshot(app.dataDir)).toEqual(newer);
  });

  it('takes the CSV edition of the same day after the JSON one', async () => {
    const app = makeApp();
    await app.services.feeds.importFile(KEV_JSON, admin);
    await expect(app.services.feeds.importFile(KEV_CSV, admin)).resolves.toMatchObject({ status: 'imported' });
    expect(app.services.feeds.status()[0]).toMatchObject({ source: 'kev_slice.csv', format: 'kev-csv' });
  });

  it('says how old each feed is, and which are past the site limit', async () => {
    const app = makeApp();
    await app.services.feeds.importFile(KEV_JSON, admin);
    const [kev] = app.services.feeds.status();
    const days = Math.floor((Date.now() - Date.parse('2025-08-25T17:04:19.979Z')) / 86_400_000);
    expect(kev).toMatchObject({ ageDays: days, stale: days > 7 });
  });
});
