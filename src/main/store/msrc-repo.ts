import type Database from 'better-sqlite3';
import type { MsrcProductFix } from '../../shared/domain/msrc';
import type { MsrcData } from '../feeds/msrc';

interface FixRow {
  document: string;
  product: string;
  cve: string;
  kb: string;
  product_id: string;
  supersedes: string;
  fixed_build: string | null;
  severity: string | null;
  restart_required: 0 | 1 | null;
  sub_type: string | null;
  exploited: 0 | 1 | null;
}

export interface MsrcDocumentInfo {
  id: string;
  title: string;
  released: string;
  updated: string;
}

const flag = (value: boolean | null): 0 | 1 | null => (value === null ? null : value ? 1 : 0);
const unflag = (value: 0 | 1 | null): boolean | null => (value === null ? null : value === 1);

const toFix = (row: FixRow): MsrcProductFix => ({
  document: row.document,
  product: row.product,
  cve: row.cve,
  kb: row.kb,
  productId: row.product_id,
  supersedes: row.supersedes === '' ? [] : row.supersedes.split(' '),
  fixedBuild: row.fixed_build,
  severity: row.severity,
  restartRequired: unflag(row.restart_required),
  subType: row.sub_type,
  exploited: unflag(row.exploited),
});

export function createMsrcRepo(db: Database.Database) {
  const insertDocument = db.prepare(
    'INSERT INTO msrc_document (id, title, released, updated, import_id) VALUES (?, ?, ?, ?, ?)',
  );
  const insertProduct = db.prepare('INSERT INTO msrc_product (document, id, name) VALUES (?, ?, ?)');
  const insertFix = db.prepare(`INSERT INTO msrc_fix
    (document, cve, kb, product_id, supersedes, fixed_build, severity, restart_required, sub_type, exploited)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);

  return {
    /**
     * Replaces the month with this id (its products and fixes go with it); call inside the
     * transaction that records the import.
     */
    replaceDocument(data: MsrcData, importId: number): void {
      db.prepare('DELETE FROM msrc_document WHERE id = ?').run(data.id);
      insertDocument.run(data.id, data.title, data.released, data.dataDate, importId);
      for (const product of data.products) insertProduct.run(data.id, product.id, product.name);
      for (const fix of data.records) {
        insertFix.run(
          data.id,
          fix.cve,
          fix.kb,
          fix.productId,
          fix.supersedes.join(' '),
          fix.fixedBuild,
          fix.severity,
          flag(fix.restartRequired),
          fix.subType,
          flag(fix.exploited),
        );
      }
    },
    /** Every fix, of every month, for products with one of these names (case-insensitive). */
    fixesForProducts(names: readonly string[]): MsrcProductFix[] {
      return db
        .prepare<[string], FixRow>(
          `SELECT f.*, p.name AS product FROM msrc_product p
             JOIN msrc_fix f ON f.document = p.document AND f.product_id = p.id
           WHERE p.name IN (SELECT value FROM json_each(?))
           ORDER BY f.document, p.name, f.kb, f.cve`,
        )
        .all(JSON.stringify(names))
        .map(toFix);
    },
    /** How many fixes (CVE, KB, product) the loaded months hold. */
    count(): number {
      return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM msrc_fix').get()?.n ?? 0;
    },
    /** The most recently revised month loaded. */
    newest(): MsrcDocumentInfo | undefined {
      return db
        .prepare<[], MsrcDocumentInfo>(
          'SELECT id, title, released, updated FROM msrc_document ORDER BY updated DESC, id DESC LIMIT 1',
        )
        .get();
    },
  };
}

export type MsrcRepo = ReturnType<typeof createMsrcRepo>;
