import { describe, expect, it } from 'vitest';
import { queuedApp } from './queued-app';
import { admin } from './support';

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
