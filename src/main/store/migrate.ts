import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/result';
import type { Migration } from './migrations';

export interface MigrationReport {
  applied: number[];
  schemaVersion: number;
}

interface AppliedRow {
  id: number;
  name: string;
  hash: string;
}

export const migrationHash = (migration: Migration): string => createHash('sha256').update(migration.sql).digest('hex');

/**
 * Brings the database up to the newest migration. Refuses a database written by a newer app and
 * one whose applied migrations were edited since. Each migration runs in its own transaction, so
 * one that fails leaves the database exactly as the previous one left it. `beforeFirstChange`
 * runs only when something is about to be applied (the caller takes its backup there).
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[],
  beforeFirstChange: () => void = () => undefined,
): MigrationReport {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
  const applied = db.prepare('SELECT id, name, hash FROM schema_migration ORDER BY id').all() as AppliedRow[];
  const known = new Map(migrations.map((migration) => [migration.id, migration]));
  const newest = migrations.reduce((max, migration) => Math.max(max, migration.id), 0);

  for (const row of applied) {
    if (row.id > newest) {
      throw new AppError(
        'database_newer',
        `This database has schema version ${String(row.id)} but this Patchwise knows only up to ${String(newest)}. ` +
          'It was written by a newer Patchwise; upgrade the app or open another data folder.',
      );
    }
    const migration = known.get(row.id);
    if (!migration || migrationHash(migration) !== row.hash) {
      throw new AppError(
        'migration_changed',
        `Migration ${String(row.id)} (${row.name}) differs from the one applied to this database; refusing to continue.`,
      );
    }
  }

  const done = new Set(applied.map((row) => row.id));
  const pending = [...migrations].filter((migration) => !done.has(migration.id)).sort((a, b) => a.id - b.id);
  if (pending.length > 0) beforeFirstChange();

  const record = db.prepare('INSERT INTO schema_migration (id, name, hash, applied_at) VALUES (?, ?, ?, ?)');
  for (const migration of pending) {
    const apply = db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.id, migration.name, migrationHash(migration), new Date().toISOString());
    });
    try {
      apply();
    } catch (error) {
      throw new AppError(
        'migration_failed',
        `Migration ${String(migration.id)} (${migration.name}) failed and was rolled back: ${(error as Error).message}`,
      );
    }
  }
  return { applied: pending.map((migration) => migration.id), schemaVersion: Math.max(newest, ...done) };
}
