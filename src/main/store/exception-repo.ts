import type Database from 'better-sqlite3';

export interface ExceptionRow {
  id: number;
  fix: string;
  kind: 'accept' | 'defer';
  owner: string;
  reason: string;
  expires_at: string;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

export function createExceptionRepo(db: Database.Database) {
  return {
    add(row: Omit<ExceptionRow, 'id' | 'revoked_at' | 'revoked_by'>): number {
      const { lastInsertRowid } = db
        .prepare(
          `INSERT INTO risk_exception (fix, kind, owner, reason, expires_at, created_at, created_by)
           VALUES (@fix, @kind, @owner, @reason, @expires_at, @created_at, @created_by)`,
        )
        .run(row);
      return Number(lastInsertRowid);
    },
    get(id: number): ExceptionRow | undefined {
      return db.prepare<[number], ExceptionRow>('SELECT * FROM risk_exception WHERE id = ?').get(id);
    },
    revoke(id: number, at: string, by: string): void {
      db.prepare('UPDATE risk_exception SET revoked_at = ?, revoked_by = ? WHERE id = ?').run(at, by, id);
    },
    /** Newest first. */
    list(limit: number): ExceptionRow[] {
      return db.prepare<[number], ExceptionRow>('SELECT * FROM risk_exception ORDER BY id DESC LIMIT ?').all(limit);
    },
    /** The fixes an exception holds out of the queue at `now`. */
    activeFixes(now: string): Set<string> {
      const rows = db
        .prepare<[string], { fix: string }>(
          'SELECT DISTINCT fix FROM risk_exception WHERE revoked_at IS NULL AND expires_at > ?',
        )
        .all(now);
      return new Set(rows.map((row) => row.fix));
    },
  };
}

export type ExceptionRepo = ReturnType<typeof createExceptionRepo>;
