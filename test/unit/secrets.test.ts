import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPassphraseCipher } from '../../src/main/secrets/passphrase-cipher';
import { keystoreUnavailableReason } from '../../src/main/secrets/keystore-policy';
import { createSecretStore } from '../../src/main/secrets/secret-store';
import { AppError } from '../../src/shared/result';
import { admin, makeApp } from './support';

describe('the platform keystore policy', () => {
  it.each<[string, boolean, NodeJS.Platform, string | undefined, boolean]>([
    ['GNOME keyring', true, 'linux', 'gnome_libsecret', true],
    ['KWallet 6', true, 'linux', 'kwallet6', true],
    ['no keyring: basic_text', true, 'linux', 'basic_text', false],
    ['asked before ready', true, 'linux', 'unknown', false],
    ['encryption unavailable', false, 'linux', 'gnome_libsecret', false],
    ['Windows DPAPI', true, 'win32', undefined, true],
    ['macOS Keychain', true, 'darwin', undefined, true],
  ])('%s -> usable: %s', (_what, encryptionAvailable, platform, linuxBackend, usable) => {
    expect(keystoreUnavailableReason({ encryptionAvailable, platform, linuxBackend }) === null).toBe(usable);
  });
});

describe('secrets', () => {
  it('round-trips through the passphrase cipher and never reaches the file in plain text', async () => {
    const app = makeApp();
    const secret = 'p4ssphrase-for-the-lab-key';
    await app.services.secrets.put('lab-key', secret);
    expect(await app.services.secrets.get('lab-key')).toBe(secret);
    expect(app.services.secrets.has('lab-key')).toBe(true);
    app.store.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(app.store.path).includes(Buffer.from(secret))).toBe(false);
  });

  it('refuses to store a secret without a usable keystore, with code secrets_unavailable', async () => {
    const app = makeApp();
    const store = createSecretStore(app.store.db, createPassphraseCipher('short'), () => new Date());
    await expect(store.put('lab-key', 'x')).rejects.toThrow(AppError);
    await expect(store.put('lab-key', 'x')).rejects.toMatchObject({ code: 'secrets_unavailable' });
    expect(store.has('lab-key')).toBe(false);
  });

  it('cannot decrypt with another passphrase', async () => {
    const ciphertext = await createPassphraseCipher('the right passphrase').encrypt('secret');
    await expect(createPassphraseCipher('the wrong passphrase').decrypt(ciphertext)).rejects.toThrow();
  });
});

describe('the secrets commands', () => {
  it('store a secret, list its name and date but never its value, and remove it, all audited', async () => {
    const app = makeApp();
    const set = await app.dispatch('secrets.set', { name: 'sudo:web3', value: 'lab-sudo-pass' }, admin);
    expect(set).toMatchObject({ ok: true, value: { name: 'sudo:web3' } });
    const listed = await app.dispatch('secrets.list', {}, admin);
    expect(listed).toMatchObject({ ok: true, value: [{ name: 'sudo:web3' }] });
    expect(JSON.stringify([set, listed])).not.toContain('lab-sudo-pass');
    expect(await app.services.secrets.get('sudo:web3')).toBe('lab-sudo-pass');
    expect(await app.dispatch('secrets.remove', { name: 'sudo:web3' }, admin)).toMatchObject({ ok: true });
    expect(await app.dispatch('secrets.remove', { name: 'sudo:web3' }, admin)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const actions = app.services.audit.list(10, undefined).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['secret.set', 'secret.remove']));
    expect(JSON.stringify(app.services.audit.list(10, undefined))).not.toContain('lab-sudo-pass');
  });
});
