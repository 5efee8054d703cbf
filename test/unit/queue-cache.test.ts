import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DATABASE_FILE } from '../../src/main/store/database';
import { queueItemSchema, queueRowSchema } from '../../src/shared/domain/queue';
import { queuedApp } from './queued-app';
import { admin } from './support';

describe('the queue the page lists, and why each fix ranks', () => {
  it('lists rows without their reasons and gives one fix’s reasons on request', async () => {
    const { app, close } = await queuedApp();
    try {
      const list = await app.dispatch('queue.list', {}, admin);
      if (!list.ok) throw new Error(list.error.message);
      // Strict: a row carrying its reasons is refused.
      const { items } = z.object({ items: z.array(queueRowSchema.strict()) }).parse(list.value);
      expect(items.map((item) => [item.rank, item.fix])).toEqual([
        [1, 'DEBIAN-CVE-2026-90002'],
        [2, 'RLSA-2026:9002'],
      ]);
      const why = await app.dispatch('queue.why', { fix: 'RLSA-2026:9002' }, admin);
      if (!why.ok) throw new Error(why.error.message);
      const explained = queueItemSchema.parse(why.value);
      expect(explained).toMatchObject({ rank: 2, fix: 'RLSA-2026:9002' });
      expect(explained.reasons).toContainEqual(expect.stringMatching(/^kev \+25: exploited in the wild/));
      expect(await app.dispatch('queue.why', { fix: 'DSA-0000-1' }, admin)).toEqual({
        ok: false,
        error: { code: 'not_found', message: 'DSA-0000-1 is not in the patch queue now' },
      });
      expect(await app.dispatch('queue.why', { fix: '' }, admin)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    } finally {
      close();
    }
  });

  it('ranks again only when the store changes or a minute has passed', async () => {
    const { app, at, close } = await queuedApp();
    try {
      const first = app.services.queue.items();
      expect(app.services.queue.items()).toBe(first);
      at('2026-11-26T12:00:59.000Z');
      expect(app.services.queue.items()).toBe(first);
      at('2026-11-26T12:01:00.000Z');
      const later = app.services.queue.items();
      expect(later).not.toBe(first);
      expect(later).toEqual(first.map((item) => ({ ...item })));

      // A host edited: its exposure counts at once.
      const [h0] = app.services.hosts.list();
      if (!h0) throw new Error('no host');
      app.services.hosts.update(h0.id, { ...h0, exposure: 'isolated' }, admin);
      const edited = app.services.queue.items();
      expect(edited).not.toBe(later);
      expect(edited.find((item) => item.hosts.includes('h0'))?.score).toBeLessThan(
        later.find((item) => item.hosts.includes('h0'))?.score ?? 0,
      );
    } finally {
      close();
    }
  });

  it('sees what another process wrote to the same database', async () => {
    const { app, dataDir, close } = await queuedApp();
    try {
      const before = app.services.queue.items();
      const other = new Database(join(dataDir, DATABASE_FILE));
      other.prepare("UPDATE host SET controls = '[\"network-restricted\"]' WHERE name = 'h0'").run();
      other.close();
      const after = app.services.queue.items();
      expect(after).not.toBe(before);
      expect(app.services.queue.item('DEBIAN-CVE-2026-90002')?.reasons).toContainEqual(
        expect.stringMatching(/^controls -[\d.]+: compensating controls network-restricted: /),
      );
    } finally {
      close();
    }
  });
});
