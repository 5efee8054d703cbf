import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/main/store/database';
import { admin, host, makeApp } from './support';

/** Three entries: add web1, add web2, update web1. */
function appWithHistory() {
  const app = makeApp();
  const web1 = app.services.hosts.add(host(), admin);
  app.services.hosts.add(host({ name: 'web2', address: '10.0.0.12' }), admin);
  app.services.hosts.update(web1.id, { ...host(), port: 2222 }, admin);
  return app;
}

/** What someone with the database file and the sqlite3 shell could do. */
function tamper(dataDir: string, sql: string): void {
  const db = new Database(join(dataDir, DATABASE_FILE));
  db.exec('DROP TRIGGER audit_entry_no_update; DROP TRIGGER audit_entry_no_delete;');
  db.exec(sql);
  db.close();
}

describe('the audit log', () => {
  it('records each change with who, what and on which host, newest first', () => {
    const app = appWithHistory();
    const entries = app.services.audit.list(10);
    expect(entries.map((entry) => [entry.seq, entry.action, entry.actor, entry.hosts])).toEqual([
      [3, 'host.update', 'alice', ['web1']],
      [2, 'host.add', 'alice', ['web2']],
      [1, 'host.add', 'alice', ['web1']],
    ]);
    expect(entries[0]?.details).toEqual({ changes: { port: { from: 22, to: 2222 } } });
    expect(app.services.audit.verify()).toEqual({ ok: true, entries: 3 });
  });

  it('cannot be edited or deleted through SQL while its triggers stand', () => {
    const app = appWithHistory();
    expect(() => app.store.db.prepare("UPDATE audit_entry SET actor = 'mallory'").run()).toThrow(/append-only/);
    expect(() => app.store.db.prepare('DELETE FROM audit_entry').run()).toThrow(/append-only/);
  });

  it.each([
    ['an edited field', "UPDATE audit_entry SET actor = 'mallory' WHERE seq = 2", 2, 'entry 2 was altered'],
    [
      'a replaced hash',
      "UPDATE audit_entry SET hash = (CASE substr(hash, 1, 1) WHEN 'f' THEN 'e' ELSE 'f' END) || substr(hash, 2) WHERE seq = 2",
      2,
      'entry 2 was altered',
    ],
    ['a broken link', 'UPDATE audit_entry SET prev_hash = hash WHERE seq = 3', 3, 'entry 3 does not follow'],
    ['a deleted entry in the middle', 'DELETE FROM audit_entry WHERE seq = 2', 3, 'entry 2 is missing'],
    ['the newest entry deleted', 'DELETE FROM audit_entry WHERE seq = 3', 3, 'the log ends at entry 2'],
    ['every entry deleted', 'DELETE FROM audit_entry', 1, 'the log ends at entry 0'],
  ])('detects %s', (_what, sql, firstBadSeq, reason) => {
    const app = appWithHistory();
    app.close();
    tamper(app.dataDir, sql);
    const reopened = makeApp(app.dataDir);
    const verdict = reopened.services.audit.verify();
    expect(verdict).toMatchObject({ ok: false, firstBadSeq });
    expect(verdict.ok ? '' : verdict.reason).toContain(reason);
  });

  it('continues the chain across restarts', () => {
    const app = appWithHistory();
    app.close();
    const reopened = makeApp(app.dataDir);
    reopened.services.hosts.add(host({ name: 'db1', address: 'db1.plant.lan' }), admin);
    expect(reopened.services.audit.verify()).toEqual({ ok: true, entries: 4 });
  });
});
