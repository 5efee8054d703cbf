import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/main/app';
import { parseDebianInventory } from '../../src/main/fleet/collectors/debian';
import { parseRhelInventory } from '../../src/main/fleet/collectors/rhel';
import { expandFeedPaths } from '../../src/main/feeds/read-feed-file';
import { createPassphraseCipher } from '../../src/main/secrets/passphrase-cipher';
import { createScanRepo } from '../../src/main/store/scan-repo';
import { admin, host, tempDir } from './support';

/** A real app on a temp database whose clock the test moves, with the lab's two findings queued. */
async function queuedApp() {
  let now = new Date('2026-11-26T12:00:00.000Z');
  const app = createApp({
    dataDir: tempDir(),
    transport: 'headless',
    events: () => undefined,
    cipher: createPassphraseCipher('exceptions test passphrase'),
    clock: () => now,
  });
  const repo = createScanRepo(app.store.db);
  const inventories = [
    parseDebianInventory(readFileSync('test/fixtures/collectors/debian-api2.txt', 'utf8')),
    parseRhelInventory(readFileSync('test/fixtures/collectors/rocky-api1.txt', 'utf8')),
  ];
  for (const [index, inventory] of inventories.entries()) {
    const added = app.services.hosts.add(
      host({ name: `h${String(index)}`, address: `10.0.0.${String(index + 1)}` }),
      admin,
    );
    const run = repo.createRun('manual', [added], now.toISOString());
    repo.saveInventory(run, added.id, inventory, null, now.toISOString());
    repo.finishRun(run, 'done', now.toISOString());
  }
  for (const path of await expandFeedPaths([
    'resources/lab/feeds/kev',
    'resources/lab/feeds/epss',
    'resources/lab/feeds/osv',
  ]))
    await app.services.feeds.importFile(path, admin);
  return {
    app,
    at: (iso: string) => {
      now = new Date(iso);
    },
    close: () => {
      app.close();
    },
  };
}

const fixes = (app: Awaited<ReturnType<typeof queuedApp>>['app']) =>
  app.services.queue.items().map((i) => [i.rank, i.fix]);

describe('accepting and deferring risks', () => {
  it('holds a fix out of the queue until its expiry day ends, audited, then returns it', async () => {
    const { app, at, close } = await queuedApp();
    try {
      expect(fixes(app)).toEqual([
        [1, 'DEBIAN-CVE-2026-90002'],
        [2, 'RLSA-2026:9002'],
      ]);
      const reply = await app.dispatch(
        'queue.except',
        {
          fix: 'DEBIAN-CVE-2026-90002',
          kind: 'defer',
          owner: 'ops team',
          reason: 'Patch window on Sunday',
          expiresOn: '2026-11-29',
        },
        admin,
      );
      expect(reply).toMatchObject({ ok: true, value: { state: 'active', expiresAt: '2026-11-29T23:59:59.999Z' } });
      expect(fixes(app)).toEqual([[1, 'RLSA-2026:9002']]);
      expect(app.services.audit.list(1, undefined)[0]).toMatchObject({
        action: 'risk.defer',
        target: 'fix:DEBIAN-CVE-2026-90002',
        details: { owner: 'ops team', reason: 'Patch window on Sunday', expiresOn: '2026-11-29' },
      });
      at('2026-11-30T00:00:00.000Z');
      expect(fixes(app)).toEqual([
        [1, 'DEBIAN-CVE-2026-90002'],
        [2, 'RLSA-2026:9002'],
      ]);
      expect(app.services.exceptions.list()[0]?.state).toBe('expired');
    } finally {
      close();
    }
  });

  it('returns a fix when its exception is revoked, and refuses a second revoke', async () => {
    const { app, close } = await queuedApp();
    try {
      const accepted = app.services.exceptions.add(
        {
          fix: 'RLSA-2026:9002',
          kind: 'accept',
          owner: 'ciso',
          reason: 'Host retires in December',
          expiresOn: '2026-12-31',
        },
        admin,
      );
      expect(fixes(app)).toEqual([[1, 'DEBIAN-CVE-2026-90002']]);
      expect(app.services.exceptions.revoke(accepted.id, admin).state).toBe('revoked');
      expect(fixes(app)).toHaveLength(2);
      expect(await app.dispatch('queue.revoke', { id: accepted.id }, admin)).toMatchObject({
        ok: false,
        error: { code: 'conflict' },
      });
      expect(app.services.audit.list(2, undefined).map((e) => e.action)).toEqual(['risk.revoke', 'risk.accept']);
    } finally {
      close();
    }
  });

  it.each([
    [{ expiresOn: '2026-11-25' }, 'The expiry must be today or later'],
    [{ owner: ' ' }, 'An owner is required'],
    [{ reason: '' }, 'A reason is required'],
    [{ kind: 'ignore' }, 'Choose accept (it will not be fixed) or defer (not yet)'],
    [{ expiresOn: '29/11/2026' }, 'The expiry must be a date (YYYY-MM-DD)'],
    [{ extra: true }, /Unrecognized key/],
  ])('refuses %j with a clear message and records nothing', async (change, message) => {
    const { app, close } = await queuedApp();
    try {
      const input = {
        fix: 'RLSA-2026:9002',
        kind: 'defer',
        owner: 'ops',
        reason: 'later',
        expiresOn: '2026-12-01',
        ...change,
      };
      const reply = await app.dispatch('queue.except', input, admin);
      expect(reply.ok).toBe(false);
      expect(reply.ok ? '' : reply.error.message).toMatch(message);
      expect(app.services.exceptions.list()).toEqual([]);
    } finally {
      close();
    }
  });
});
