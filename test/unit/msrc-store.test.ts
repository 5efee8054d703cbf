import { describe, expect, it } from 'vitest';
import { matchWindows } from '../../src/main/domain/match/windows';
import type { MsrcData } from '../../src/main/feeds/msrc';
import { openStore } from '../../src/main/store/database';
import { createFeedRepo } from '../../src/main/store/feed-repo';
import { MIGRATIONS } from '../../src/main/store/migrations';
import { sql as msrcSql } from '../../src/main/store/migrations/010-msrc';
import { createMsrcRepo } from '../../src/main/store/msrc-repo';
import { feb, jan, server2022, withProducts } from './msrc-months';
import { tempDir } from './support';

/** February's fix as a feed file states it: the store adds the document and product. */
const { document: _document, product: _product, ...febFix } = feb;

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
