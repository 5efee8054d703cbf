import { utils } from 'ssh2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openScanApp } from '../../src/main/cli/scan-app';
import { createScanRepo } from '../../src/main/store/scan-repo';
import { admin, host, makeApp } from './support';

// `patchwise scan` opens only the scan's part of the app; what it stores must be what the whole
// app then reads, as if the app had run the scan itself.
const { private: privateKey } = utils.generateKeyPairSync('ed25519');
const PASSPHRASE = 'correct horse battery staple'; // the one makeApp encrypts secrets with

let saved: string | undefined;
beforeEach(() => {
  saved = process.env['PATCHWISE_PASSPHRASE'];
  process.env['PATCHWISE_PASSPHRASE'] = PASSPHRASE;
});
afterEach(() => {
  if (saved === undefined) delete process.env['PATCHWISE_PASSPHRASE'];
  else process.env['PATCHWISE_PASSPHRASE'] = saved;
});

describe('the scan part of the app the CLI opens', () => {
  it('scans the hosts the app stored, with their stored keys, and the app sees the run and its audit entry', async () => {
    const app = makeApp();
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const web1 = app.services.hosts.add(host({ address: '127.0.0.1', port: 1, credentialRef: 'key:web1' }), admin);
    await app.services.secrets.put('key:web1', privateKey);
    app.close();

    const states: string[] = [];
    const scanApp = openScanApp(app.dataDir, (name, payload) => {
      if (name === 'scan.progress' && 'state' in payload) states.push(payload.state);
    });
    const [listed] = scanApp.services.hosts.list();
    const { runId, done } = scanApp.services.scans.start([web1.id], 'cli', { actor: 'cli:alice' });
    const [result] = await done;
    scanApp.close();
    expect(listed?.name).toBe('web1');
    // Refused, not auth_failed: the stored key was decrypted and used.
    expect(result).toMatchObject({ status: 'error', error: { code: 'unreachable' } });
    expect(states).toEqual(['connecting', 'failed']);

    const reopened = makeApp(app.dataDir);
    expect(reopened.services.scans.runs(1)[0]).toMatchObject({
      id: runId,
      trigger: 'cli',
      state: 'done',
      hosts: [{ hostId: web1.id, state: 'failed' }],
    });
    expect(reopened.services.audit.list(10, undefined).map((entry) => [entry.actor, entry.action])).toContainEqual([
      'cli:alice',
      'scan.start',
    ]);
  });

  it('marks a run a previous process left running as interrupted, as the app does', () => {
    const app = makeApp();
    const web1 = app.services.hosts.add(host(), admin);
    const runId = createScanRepo(app.store.db).createRun('manual', [web1], '2026-11-26T10:00:00.000Z');
    app.close();
    const scanApp = openScanApp(app.dataDir, () => undefined);
    try {
      expect(scanApp.services.scans.runs(1)[0]).toMatchObject({ id: runId, state: 'interrupted' });
    } finally {
      scanApp.close();
    }
  });
});
