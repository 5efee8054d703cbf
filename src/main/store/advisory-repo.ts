import type Database from 'better-sqlite3';
import type { Advisory, AdvisoryPackage } from '../../shared/domain/advisory';

interface AdvisoryRow {
  id: string;
  source: Advisory['source'];
  summary: string;
  severity: string | null;
  published: string | null;
  modified: string;
  withdrawn: string | null;
}

interface PackageRow {
  advisory_id: string;
  ecosystem: string;
  name: string;
  introduced: string;
  fixed: string | null;
  last_affected: string | null;
  status: AdvisoryPackage['status'];
}

const toPackage = (p: PackageRow): AdvisoryPackage => ({
  ecosystem: p.ecosystem,
  name: p.name,
  introduced: p.introduced,
  fixed: p.fixed,
  lastAffected: p.last_affected,
  status: p.status,
});

const key = (p: AdvisoryPackage): string => `${p.ecosystem}\u0000${p.name}\u0000${p.introduced}`;

export function createAdvisoryRepo(db: Database.Database) {
  const inEcosystem = 'SELECT DISTINCT advisory_id FROM advisory_package WHERE ecosystem = ?';
  const packagesOf = db.prepare<[string], PackageRow>(
    'SELECT * FROM advisory_package WHERE ecosystem = ? ORDER BY advisory_id',
  );
  const advisoriesOf = db.prepare<[string], AdvisoryRow>(
    `SELECT * FROM advisory WHERE id IN (${inEcosystem}) ORDER BY id`,
  );
  const cvesOf = db.prepare<[string], { advisory_id: string; cve: string }>(
    `SELECT advisory_id, cve FROM advisory_cve WHERE advisory_id IN (${inEcosystem}) ORDER BY advisory_id, cve`,
  );
  const insertAdvisory = db.prepare(`INSERT INTO advisory
    (id, source, summary, severity, published, modified, withdrawn, import_id)
    VALUES (@id, @source, @summary, @severity, @published, @modified, @withdrawn, @importId)`);
  const insertCve = db.prepare('INSERT INTO advisory_cve (advisory_id, cve) VALUES (?, ?)');
  const insertPackage = db.prepare(`INSERT INTO advisory_package
    (advisory_id, ecosystem, name, introduced, fixed, last_affected, status) VALUES (?, ?, ?, ?, ?, ?, ?)`);

  const releasedOf = db.prepare<[string], { id: string; published: string | null }>(
    'SELECT id, published FROM advisory WHERE id IN (SELECT value FROM json_each(?))',
  );

  return {
    /** When each of these advisories was released, as its feed says (absent: unknown). */
    published(ids: readonly string[]): Map<string, string> {
      const dates = new Map<string, string>();
      for (const row of releasedOf.all(JSON.stringify(ids))) if (row.published) dates.set(row.id, row.published);
      return dates;
    },
    modified(id: string): string | undefined {
      return db.prepare<[string], { modified: string }>('SELECT modified FROM advisory WHERE id = ?').get(id)?.modified;
    },
    /** Replaces the advisory with this id; call inside the transaction that records the import. */
    put(advisory: Advisory, importId: number): void {
      db.prepare('DELETE FROM advisory WHERE id = ?').run(advisory.id);
      insertAdvisory.run({ ...advisory, importId });
      for (const cve of advisory.cves) insertCve.run(advisory.id, cve);
      // One interval per (package, introduced): a record that repeats one keeps the first.
      const seen = new Set<string>();
      for (const p of advisory.packages) {
        if (seen.has(key(p))) continue;
        seen.add(key(p));
        insertPackage.run(advisory.id, p.ecosystem, p.name, p.introduced, p.fixed, p.lastAffected, p.status);
      }
    },
    /**
     * Like `put`, but an advisory of the same source and date keeps what it held too: one errata
     * id comes from each repository (BaseOS, AppStream) with that repository's packages. A newer
     * version of it replaces it whole.
     */
    merge(advisory: Advisory, importId: number): void {
      const held = db
        .prepare<[string], { source: string; modified: string }>('SELECT source, modified FROM advisory WHERE id = ?')
        .get(advisory.id);
      if (held?.source !== advisory.source || held.modified !== advisory.modified) {
        this.put(advisory, importId);
        return;
      }
      const cves = db
        .prepare<[string], { cve: string }>('SELECT cve FROM advisory_cve WHERE advisory_id = ?')
        .all(advisory.id)
        .map((row) => row.cve);
      const packages = db
        .prepare<[string], PackageRow>('SELECT * FROM advisory_package WHERE advisory_id = ?')
        .all(advisory.id)
        .map(toPackage);
      const incoming = new Set(advisory.packages.map(key));
      this.put(
        {
          ...advisory,
          cves: [...new Set([...cves, ...advisory.cves])].sort(),
          packages: [...advisory.packages, ...packages.filter((p) => !incoming.has(key(p)))],
        },
        importId,
      );
    },
    count(source: Advisory['source']): number {
      return (
        db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM advisory WHERE source = ?').get(source)?.n ?? 0
      );
    },
    newestModified(source: Advisory['source']): string | undefined {
      return (
        db
          .prepare<[string], { m: string | null }>('SELECT max(modified) AS m FROM advisory WHERE source = ?')
          .get(source)?.m ?? undefined
      );
    },
    /** Drops every advisory of a snapshot feed (the Debian tracker) before its new snapshot goes in. */
    removeSource(source: Advisory['source']): void {
      db.prepare('DELETE FROM advisory WHERE source = ?').run(source);
    },
    /** Every advisory that names a package of this ecosystem, with all its CVEs and intervals there. */
    forEcosystem(ecosystem: string): Advisory[] {
      // Three set queries, not two per advisory: an ecosystem holds up to a few hundred thousand.
      const packages = packagesOf.all(ecosystem);
      const cvesById = new Map<string, string[]>();
      for (const { advisory_id: id, cve } of cvesOf.all(ecosystem)) {
        const list = cvesById.get(id);
        if (list) list.push(cve);
        else cvesById.set(id, [cve]);
      }
      const rowsById = new Map<string, PackageRow[]>();
      for (const row of packages) {
        const list = rowsById.get(row.advisory_id);
        if (list) list.push(row);
        else rowsById.set(row.advisory_id, [row]);
      }
      return advisoriesOf.all(ecosystem).flatMap((row) => {
        const rows = rowsById.get(row.id);
        if (!rows) return [];
        return [
          {
            id: row.id,
            source: row.source,
            summary: row.summary,
            severity: row.severity,
            published: row.published,
            modified: row.modified,
            withdrawn: row.withdrawn,
            cves: cvesById.get(row.id) ?? [],
            packages: rows.map(toPackage),
          },
        ];
      });
    },
  };
}

export type AdvisoryRepo = ReturnType<typeof createAdvisoryRepo>;
