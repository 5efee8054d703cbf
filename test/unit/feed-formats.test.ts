import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createCveRepo } from '../../src/main/store/cve-repo';
import { createMsrcRepo } from '../../src/main/store/msrc-repo';
import { openStore } from '../../src/main/store/database';
import { addRemediation, load, VEX } from './csaf-documents';
import { admin, makeApp, tempDir } from './support';

const NVD_PAGE = 'test/fixtures/feeds/nvd/nvd-api2-page-38-entries.json';
const NVD_RECORD = 'test/fixtures/feeds/nvd/CVE-2024-5732.json';
const UPDATEINFO = 'test/fixtures/feeds/updateinfo/rocky9-updateinfo.xml';
const MSRC_XML = 'test/fixtures/feeds/msrc/msrc-2099-Jan.xml';
const MSRC_JSON = 'test/fixtures/feeds/msrc/msrc-2099-Jan.json';

/** Reads the data folder's database on its own, as the next app start would. */
function inStore<T>(dataDir: string, read: (db: ReturnType<typeof openStore>['db']) => T): T {
  const store = openStore({ dataDir });
  try {
    return read(store.db);
  } finally {
    store.close();
  }
}

describe('importing NVD, updateinfo and MSRC files through the feed service', () => {
  it('imports an NVD page streamed, then a newer single record, keeping the CVSS the risk score uses', async () => {
    const app = makeApp();
    await expect(app.services.feeds.importFile(NVD_PAGE, admin)).resolves.toMatchObject({
      name: 'nvd',
      format: 'nvd-json',
      records: 38,
      status: 'imported',
    });
    await expect(app.services.feeds.importFile(NVD_RECORD, admin)).resolves.toMatchObject({
      name: 'nvd',
      records: 1,
      status: 'imported',
    });
    // The page again: its records are all held, so nothing changes.
    await expect(app.services.feeds.importFile(NVD_PAGE, admin)).resolves.toMatchObject({ status: 'unchanged' });
    const nvd = app.services.feeds.status().find((feed) => feed.name === 'nvd');
    expect(nvd?.records).toBe(39);
    const choice = inStore(app.dataDir, (db) => createCveRepo(db).cvss('CVE-2024-5732'));
    expect(choice).toMatchObject({ version: '3.1' });
    expect(choice?.vector).toMatch(/^CVSS:3\.1\//);
  });

  it('reads a gzipped NVD file the same way', async () => {
    const app = makeApp();
    const path = join(tempDir(), 'nvdcve-2.0-recent.json.gz');
    writeFileSync(path, gzipSync(readFileSync(NVD_PAGE)));
    await expect(app.services.feeds.importFile(path, admin)).resolves.toMatchObject({ name: 'nvd', records: 38 });
  });

  it('refuses an NVD page cut short and keeps what was held', async () => {
    const app = makeApp();
    await app.services.feeds.importFile(NVD_RECORD, admin);
    const path = join(tempDir(), 'nvd-cut.json');
    const text = readFileSync(NVD_PAGE, 'utf8');
    writeFileSync(path, text.slice(0, Math.floor(text.length * 0.6)));
    await expect(app.services.feeds.importFile(path, admin)).rejects.toMatchObject({ code: 'feed_invalid' });
    expect(app.services.feeds.status().find((feed) => feed.name === 'nvd')?.records).toBe(1);
  });

  it('imports a repository updateinfo.xml as advisories, and the same errata from a second repository adds its packages', async () => {
    const app = makeApp();
    const result = await app.services.feeds.importFile(UPDATEINFO, admin);
    expect(result).toMatchObject({ name: 'updateinfo', format: 'updateinfo-xml', status: 'imported' });
    const packagesOf = (id: string) =>
      inStore(app.dataDir, (db) =>
        (
          db.prepare('SELECT name FROM advisory_package WHERE advisory_id = ? ORDER BY name').all(id) as {
            name: string;
          }[]
        ).map((row) => row.name),
      );
    const [first] = inStore(app.dataDir, (db) =>
      db.prepare("SELECT id FROM advisory WHERE source = 'updateinfo' ORDER BY id").all(),
    ) as { id: string }[];
    if (!first) throw new Error('no advisory imported');
    const before = packagesOf(first.id);
    expect(before.length).toBeGreaterThan(0);
    // The AppStream repository's file: the same errata id and date, another package.
    const text = readFileSync(UPDATEINFO, 'utf8');
    const other = join(tempDir(), 'appstream-updateinfo.xml');
    writeFileSync(other, text.replace(/(<package [^>]*name=")([^"]+)"/g, '$1$2-appstream"'));
    await app.services.feeds.importFile(other, admin);
    const after = packagesOf(first.id);
    expect(after).toEqual([...before, ...before.map((name) => `${name}-appstream`)].sort());
    await expect(app.services.feeds.importFile(UPDATEINFO, admin)).resolves.toMatchObject({ status: 'unchanged' });
  });

  it('says what a CSAF file named and never defined, and keeps it in the audit log', async () => {
    const app = makeApp();
    const file = load(VEX);
    addRemediation(file, 'mitigation', 'rhel-8:pam');
    const path = join(tempDir(), 'vex-with-an-unknown-product.json');
    writeFileSync(path, JSON.stringify(file));
    const note = 'CVE-2024-10041: left out 1 remediation product id its product_tree does not define (rhel-8:pam)';
    await expect(app.services.feeds.importFile(path, admin)).resolves.toMatchObject({
      status: 'imported',
      notes: [note],
    });
    expect(app.services.audit.list(1)[0]?.details).toMatchObject({ notes: [note] });
  });

  it('imports Red Hat CSAF advisories and VEX files as they are published, each record on its own', async () => {
    const app = makeApp();
    await expect(
      app.services.feeds.importFile('test/fixtures/feeds/redhat/csaf-advisory-rhsa-2024_6163.json', admin),
    ).resolves.toMatchObject({ name: 'csaf', format: 'csaf-json', records: 1, status: 'imported' });
    await expect(
      app.services.feeds.importFile('test/fixtures/feeds/redhat/csaf-vex-cve-2024-10041.trimmed.json', admin),
    ).resolves.toMatchObject({ name: 'csaf', records: 1, status: 'imported' });
    expect(app.services.feeds.status().find((feed) => feed.name === 'csaf')?.records).toBe(2);
    const rows = inStore(app.dataDir, (db) =>
      db
        .prepare(
          'SELECT advisory_id, ecosystem, name, fixed, status FROM advisory_package ORDER BY advisory_id, ecosystem',
        )
        .all(),
    );
    expect(rows).toEqual([
      {
        advisory_id: 'RHSA-2024:6163',
        ecosystem: 'Red Hat:9',
        name: 'python3.9',
        fixed: '3.9.18-3.el9_4.5',
        status: 'affected',
      },
      { advisory_id: 'RHVEX-CVE-2024-10041', ecosystem: 'Red Hat:7', name: 'pam', fixed: null, status: 'wont-fix' },
      {
        advisory_id: 'RHVEX-CVE-2024-10041',
        ecosystem: 'Red Hat:9',
        name: 'pam',
        fixed: '1.5.1-21.el9_5',
        status: 'affected',
      },
    ]);
  });

  it('imports an MSRC month (XML or JSON) and replaces the month when it comes again', async () => {
    const app = makeApp();
    const xml = await app.services.feeds.importFile(MSRC_XML, admin);
    expect(xml).toMatchObject({ name: 'msrc', format: 'msrc-cvrf', status: 'imported' });
    expect(xml.records).toBeGreaterThan(0);
    const json = await app.services.feeds.importFile(MSRC_JSON, admin);
    expect(json).toMatchObject({ name: 'msrc', status: 'imported', records: xml.records });
    expect(inStore(app.dataDir, (db) => createMsrcRepo(db).count())).toBe(xml.records);
    expect(app.services.feeds.status().find((feed) => feed.name === 'msrc')?.records).toBe(xml.records);
  });
});
