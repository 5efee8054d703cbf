import type Database from 'better-sqlite3';
import type { EpssScore, FeedName, KevEntry } from '../../shared/domain/feed';

/** One recorded import: where a feed's data came from. */
export interface FeedImport {
  id: number;
  feed: FeedName;
  format: string;
  source: string;
  sha256: string;
  bytes: number;
  records: number;
  dataDate: string;
  version: string | null;
  importedAt: string;
  importedBy: string;
}

interface Row {
  id: number;
  feed: FeedName;
  format: string;
  source: string;
  sha256: string;
  bytes: number;
  records: number;
  data_date: string;
  version: string | null;
  imported_at: string;
  imported_by: string;
}

const toImport = (row: Row): FeedImport => ({
  id: row.id,
  feed: row.feed,
  format: row.format,
  source: row.source,
  sha256: row.sha256,
  bytes: row.bytes,
  records: row.records,
  dataDate: row.data_date,
  version: row.version,
  importedAt: row.imported_at,
  importedBy: row.imported_by,
});

export function createFeedRepo(db: Database.Database) {
  const currentOf = db.prepare<[string], Row>(
    'SELECT i.* FROM feed f JOIN feed_import i ON i.id = f.import_id WHERE f.name = ?',
  );
  const insertKev = db.prepare(`INSERT INTO kev
    (cve, vendor, product, name, date_added, due_date, ransomware, required_action)
    VALUES (@cve, @vendor, @product, @name, @dateAdded, @dueDate, @ransomware, @requiredAction)`);
  const insertEpss = db.prepare('INSERT INTO epss (cve, probability, percentile) VALUES (?, ?, ?)');
  // Prepared once: a queue looks up KEV and EPSS for every CVE it ranks.
  const kevColumns = `cve, vendor, product, name, date_added AS dateAdded, due_date AS dueDate, ransomware,
       required_action AS requiredAction FROM kev`;
  const kevOf = db.prepare<[string], KevEntry>(`SELECT ${kevColumns} WHERE cve = ?`);
  const kevEvery = db.prepare<[], KevEntry>(`SELECT ${kevColumns}`);
  const epssOf = db.prepare<[string], EpssScore>('SELECT cve, probability, percentile FROM epss WHERE cve = ?');
  const epssEvery = db.prepare<[], EpssScore>('SELECT cve, probability, percentile FROM epss');

  return {
    current(feed: FeedName): FeedImport | undefined {
      const row = currentOf.get(feed);
      return row ? toImport(row) : undefined;
    },
    currentAll(): FeedImport[] {
      return db
        .prepare<[], Row>('SELECT i.* FROM feed f JOIN feed_import i ON i.id = f.import_id ORDER BY f.name')
        .all()
        .map(toImport);
    },
    /** Call inside a transaction with the import's record, so the data and its provenance change together. */
    replaceKev(entries: readonly KevEntry[]): void {
      db.prepare('DELETE FROM kev').run();
      for (const entry of entries) insertKev.run(entry);
    },
    replaceEpss(scores: readonly EpssScore[]): void {
      db.prepare('DELETE FROM epss').run();
      for (const score of scores) insertEpss.run(score.cve, score.probability, score.percentile);
    },
    record(entry: Omit<FeedImport, 'id'>): FeedImport {
      const { lastInsertRowid } = db
        .prepare(
          `INSERT INTO feed_import (feed, format, source, sha256, bytes, records, data_date, version, imported_at, imported_by)
           VALUES (@feed, @format, @source, @sha256, @bytes, @records, @dataDate, @version, @importedAt, @importedBy)`,
        )
        .run(entry);
      const id = Number(lastInsertRowid);
      db.prepare(
        'INSERT INTO feed (name, import_id) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET import_id = excluded.import_id',
      ).run(entry.feed, id);
      return { id, ...entry };
    },
    /** Whether this very file (by checksum) was imported into this feed before. */
    imported(feed: FeedName, sha256: string): boolean {
      return (
        db
          .prepare<[string, string], { n: number }>('SELECT 1 AS n FROM feed_import WHERE feed = ? AND sha256 = ?')
          .get(feed, sha256) !== undefined
      );
    },
    kev(cve: string): KevEntry | undefined {
      return kevOf.get(cve);
    },
    epss(cve: string): EpssScore | undefined {
      return epssOf.get(cve);
    },
    /** The whole catalog by CVE: one read, for a queue that asks about thousands of CVEs. */
    kevAll(): Map<string, KevEntry> {
      return new Map(kevEvery.all().map((entry) => [entry.cve, entry]));
    },
    epssAll(): Map<string, EpssScore> {
      return new Map(epssEvery.all().map((score) => [score.cve, score]));
    },
  };
}

export type FeedRepo = ReturnType<typeof createFeedRepo>;
