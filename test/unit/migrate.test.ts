import { readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE, openStore } from '../../src/main/store/database';
import { MIGRATIONS, type Migration } from '../../src/main/store/migrations';
import { tempDir, errorOf } from './support';

const LATEST = MIGRATIONS.length;
const NEXT = LATEST + 1;

const tables = (db: Database.Database): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
    (row) => row.name,
  );

describe('migrations', () => {
  it('creates the first schema in WAL mode and records the migration', () => {
    const store = openStore({ dataDir: tempDir() });
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(tables(store.db)).toEqual(
      expect.arrayContaining(['audit_entry', 'audit_head', 'host', 'schema_migration', 'secret', 'site_setting']),
    );
    expect(store.migration).toEqual({ applied: MIGRATIONS.map((migration) => migration.id), schemaVersion: LATEST });
    store.close();
  });

  it('applies nothing the second time and takes no backup then', () => {
    const dataDir = tempDir();
    openStore({ dataDir }).close();
    const again = openStore({ dataDir });
    expect(again.migration.applied).toEqual([]);
    again.close();
    expect(readdirSync(dataDir).filter((name) => name.endsWith('.bak'))).toEqual([]);
  });

  it('leaves the database exactly as it was when a migration fails', () => {
    const dataDir = tempDir();
    const first = openStore({ dataDir });
    first.db.prepare("INSERT INTO site_setting (key, value) VALUES ('siteName', '\"Plant 3\"')").run();
    const schemaBefore = first.db.prepare('SELECT sql FROM sqlite_master ORDER BY name').all();
    first.close();

    const broken: Migration = {
      id: NEXT,
      name: 'half-done',
      sql: 'CREATE TABLE rollout (id INTEGER PRIMARY KEY); UPDATE site_setting SET value = \'"gone"\'; SELECT * FROM no_such_table;',
    };
    const error = errorOf(() => openStore({ dataDir, migrations: [...MIGRATIONS, broken] }));
    expect(error.code).toBe('migration_failed');
    expect(error.message).toContain('half-done');

    const db = new Database(join(dataDir, DATABASE_FILE));
    expect(db.prepare('SELECT sql FROM sqlite_master ORDER BY name').all()).toEqual(schemaBefore);
    expect(db.prepare('SELECT value FROM site_setting').pluck().get()).toBe('"Plant 3"');
    expect(db.prepare('SELECT max(id) FROM schema_migration').pluck().get()).toBe(LATEST);
    db.close();
  });

  it('backs up an existing database before changing its schema', () => {
    const dataDir = tempDir();
    const first = openStore({ dataDir });
    first.db.prepare("INSERT INTO site_setting (key, value) VALUES ('siteName', '\"Plant 3\"')").run();
    first.close();
    const next: Migration = { id: NEXT, name: 'next', sql: 'CREATE TABLE next_thing (id INTEGER PRIMARY KEY);' };
    openStore({ dataDir, migrations: [...MIGRATIONS, next], now: () => new Date('2026-11-26T10:00:00Z') }).close();
    const backups = readdirSync(dataDir).filter((name) => name.endsWith('.bak'));
    expect(backups).toEqual(['patchwise.db.2026-11-26T10-00-00-000Z.bak']);
    const copy = new Database(join(dataDir, backups[0] ?? ''), { readonly: true });
    expect(tables(copy)).not.toContain('next_thing');
    expect(copy.prepare('SELECT value FROM site_setting').pluck().get()).toBe('"Plant 3"');
    copy.close();
  });

  it('refuses a database written by a newer app, and leaves it alone', () => {
    const dataDir = tempDir();
    const future: Migration = { id: NEXT, name: 'from-the-future', sql: 'CREATE TABLE future (id INTEGER);' };
    openStore({ dataDir, migrations: [...MIGRATIONS, future] }).close();
    const error = errorOf(() => openStore({ dataDir }));
    expect(error.code).toBe('database_newer');
    expect(error.message).toContain(
      `schema version ${String(NEXT)} but this Patchwise knows only up to ${String(LATEST)}`,
    );
  });

  it('refuses to run when an applied migration was edited', () => {
    const dataDir = tempDir();
    openStore({ dataDir }).close();
    const edited = MIGRATIONS.map((migration) => ({ ...migration, sql: `${migration.sql}\n-- edited` }));
    expect(errorOf(() => openStore({ dataDir, migrations: edited })).code).toBe('migration_changed');
  });
});

describe('migration 8 (advisory sources)', () => {
  it('keeps every advisory, CVE and package row, and their cascade, while widening the sources', () => {
    const dataDir = tempDir();
    openStore({ dataDir, migrations: MIGRATIONS.filter((migration) => migration.id < 8) }).close();
    const before = new Database(join(dataDir, DATABASE_FILE));
    before.exec(`INSERT INTO feed_import (id, feed, format, source, sha256, bytes, records, data_date, version, imported_at, imported_by)
      VALUES (1, 'osv', 'osv-json', 'a.json', '${'0'.repeat(64)}', 1, 1, '2024-01-01', NULL, '2024-01-02', 'admin');
      INSERT INTO advisory VALUES ('ALSA-1', 'osv', 's', 'Important', NULL, '2024-01-01', NULL, 1);
      INSERT INTO advisory_cve VALUES ('ALSA-1', 'CVE-2024-1');
      INSERT INTO advisory_package VALUES ('ALSA-1', 'AlmaLinux:9', 'curl', '0', '7.76.1-26.el9', NULL, 'affected');`);
    before.close();

    const store = openStore({ dataDir });
    const { db } = store;
    expect(db.prepare('SELECT id, source FROM advisory').all()).toEqual([{ id: 'ALSA-1', source: 'osv' }]);
    expect(db.prepare('SELECT cve FROM advisory_cve').all()).toEqual([{ cve: 'CVE-2024-1' }]);
    expect(db.prepare('SELECT name, fixed FROM advisory_package').all()).toEqual([
      { name: 'curl', fixed: '7.76.1-26.el9' },
    ]);
    db.exec("INSERT INTO advisory VALUES ('RHSA-1', 'csaf', 's', NULL, NULL, '2024-01-01', NULL, 1)");
    expect(() =>
      db.exec("INSERT INTO advisory VALUES ('X-1', 'oval', 's', NULL, NULL, '2024-01-01', NULL, 1)"),
    ).toThrow(/CHECK/);
    db.exec("DELETE FROM advisory WHERE id = 'ALSA-1'");
    expect(db.prepare('SELECT COUNT(*) AS n FROM advisory_package').get()).toEqual({ n: 0 });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(tables(db)).not.toContain('advisory_next');
    store.close();
  });
});
