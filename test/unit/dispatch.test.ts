import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../src/main/api/dispatch';
import type { Handlers } from '../../src/main/api/router';
import { MIGRATIONS } from '../../src/main/store/migrations';
import { AppError } from '../../src/shared/result';
import { DEFAULT_SITE_SETTINGS } from '../../src/shared/domain/settings';
import { admin, host, makeApp } from './support';

describe('dispatch', () => {
  it('rejects an unknown command with unknown_command', async () => {
    const app = makeApp();
    for (const name of ['fleet.drop', '', 42, null, '__proto__', 'constructor']) {
      const result = await app.dispatch(name, {}, admin);
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    }
  });

  it('rejects malformed input with invalid_input and a message per field', async () => {
    const app = makeApp();
    const result = await app.dispatch('fleet.add', { ...host(), name: '', port: 70000, ring: 'gold' }, admin);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.fields).toEqual({
      name: 'Name is required',
      port: 'Port must be between 1 and 65535',
      ring: 'Ring must be one of: test, non-critical, important, critical',
    });
  });

  it('rejects input that is not an object at all, and unknown keys', async () => {
    const app = makeApp();
    expect(await app.dispatch('fleet.add', 'web1', admin)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await app.dispatch('fleet.remove', { id: 1, force: true }, admin)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('returns errors thrown as AppError as data with their code', async () => {
    const app = makeApp();
    expect(await app.dispatch('fleet.remove', { id: 999 }, admin)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('hides unexpected exceptions behind code internal and logs them', async () => {
    const logged: unknown[] = [];
    const handlers = {
      'app.info': () => {
        throw new TypeError('secret detail');
      },
    } as unknown as Handlers;
    const dispatch = createDispatch(handlers, (error) => logged.push(error));
    const result = await dispatch('app.info', {}, admin);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('secret detail');
    expect(logged).toHaveLength(1);
  });

  it('parses outputs, so a handler cannot return fields the contract does not declare', async () => {
    const handlers = {
      'settings.get': () => ({ ...DEFAULT_SITE_SETTINGS, adminPassword: 'hunter2' }),
    } as unknown as Handlers;
    const result = await createDispatch(handlers)('settings.get', {}, admin);
    expect(result).toEqual({ ok: true, value: DEFAULT_SITE_SETTINGS });
  });

  it('keeps AppError field messages', async () => {
    const handlers = {
      'app.info': () => {
        throw new AppError('conflict', 'taken', { name: 'taken' });
      },
    } as unknown as Handlers;
    const result = await createDispatch(handlers)('app.info', {}, admin);
    expect(result).toEqual({ ok: false, error: { code: 'conflict', message: 'taken', fields: { name: 'taken' } } });
  });

  it('answers app.info and round-trips settings', async () => {
    const app = makeApp();
    expect(await app.dispatch('app.info', {}, admin)).toMatchObject({
      ok: true,
      value: { name: 'Patchwise', schemaVersion: MIGRATIONS.length, transport: 'headless' },
    });
    expect(await app.dispatch('settings.update', { siteName: 'Plant 3' }, admin)).toMatchObject({
      ok: true,
      value: { siteName: 'Plant 3', feedMaxAgeDays: 7 },
    });
    expect(await app.dispatch('settings.update', { feedMaxAgeDays: 0 }, admin)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { feedMaxAgeDays: 'Feed age limit must be at least 1 day' } },
    });
    expect(await app.dispatch('fleet.add', host(), admin)).toMatchObject({ ok: true });
  });
});
