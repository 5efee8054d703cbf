import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, type MigrationReport } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';

export const DATABASE_FILE = 'patchwise.db';

export interface OpenOptions {
  dataDir: string;
  /** Path to a better_sqlite3.node built for this runtime's ABI (Electron has its own). */
  nativeBinding?: string;
  migrations?: readonly Migration[];
  now?: () => Date;
}

export interface Store {
  db: Database.Database;
  path: string;
  migration: MigrationReport;
  close(): void;
}

export function backupFileName(at: Date): string {
  return `${DATABASE_FILE}.${at.toISOString().replace(/[:.]/g, '-')}.bak`;
}

/** Opens (creating if needed) the data folder's database and brings its schema up to date. */
export function openStore(options: OpenOptions): Store {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const path = join(options.dataDir, DATABASE_FILE);
  const existed = existsSync(path);
  const db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const now = options.now ?? (() => new Date());
    const migration = migrate(db, options.migrations ?? MIGRATIONS, () => {
      // A consistent copy, WAL included, taken before the first schema change touches the file.
      if (existed) db.exec(`VACUUM INTO '${join(options.dataDir, backupFileName(now())).replaceAll("'", "''")}'`);
    });
    return { db, path, migration, close: () => db.close() };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * A value that changes whenever anything is written to the database: rows this connection has
 * changed (`total_changes()`) and commits by other connections, a CLI import for instance
 * (`PRAGMA data_version`). Caches of what is computed from the store compare it.
 */
export function storeVersion(db: Database.Database): () => string {
  const changes = db.prepare<[], number>('SELECT total_changes()').pluck();
  return () => `${String(changes.get())}:${String(db.pragma('data_version', { simple: true }))}`;
}
