import type Database from 'better-sqlite3';
import { serviceGraphSchema, type ServiceGraph } from '../../shared/domain/graph';

export interface GraphVersionRow {
  version: number;
  saved_at: string;
  saved_by: string;
}

interface GraphRow extends GraphVersionRow {
  document: string;
}

export interface StoredGraph {
  version: number;
  savedAt: string;
  savedBy: string;
  graph: ServiceGraph;
}

const toStored = (row: GraphRow): StoredGraph => ({
  version: row.version,
  savedAt: row.saved_at,
  savedBy: row.saved_by,
  // Written only after the same schema passed; parsed again so a hand-edited row cannot slip in.
  graph: serviceGraphSchema.parse(JSON.parse(row.document)),
});

export function createGraphRepo(db: Database.Database) {
  const latest = db.prepare<[], GraphRow>('SELECT * FROM service_graph ORDER BY version DESC LIMIT 1');
  const byVersion = db.prepare<[number], GraphRow>('SELECT * FROM service_graph WHERE version = ?');
  const insert = db.prepare(
    'INSERT INTO service_graph (version, document, saved_at, saved_by) VALUES (@version, @document, @at, @by)',
  );
  const versions = db.prepare<[number], GraphVersionRow>(
    'SELECT version, saved_at, saved_by FROM service_graph ORDER BY version DESC LIMIT ?',
  );
  const reject = db.prepare(
    `INSERT INTO rejected_edge (from_service, to_service, rejected_at, rejected_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (from_service, to_service) DO NOTHING`,
  );
  const rejected = db.prepare<[], { from_service: string; to_service: string }>(
    'SELECT from_service, to_service FROM rejected_edge',
  );
  return {
    current(): StoredGraph | undefined {
      const row = latest.get();
      return row ? toStored(row) : undefined;
    },
    version(version: number): StoredGraph | undefined {
      const row = byVersion.get(version);
      return row ? toStored(row) : undefined;
    },
    /** Stores the graph as the next version after `version`. */
    save(version: number, graph: ServiceGraph, at: string, by: string): void {
      insert.run({ version, document: JSON.stringify(graph), at, by });
    },
    /** Newest first. */
    versions(limit: number): GraphVersionRow[] {
      return versions.all(limit);
    },
    reject(from: string, to: string, at: string, by: string): void {
      reject.run(from, to, at, by);
    },
    rejected(): Set<string> {
      return new Set(rejected.all().map((row) => `${row.from_service}\u0000${row.to_service}`));
    },
  };
}

export type GraphRepo = ReturnType<typeof createGraphRepo>;
