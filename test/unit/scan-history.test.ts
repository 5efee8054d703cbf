import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { utils } from 'ssh2';
import { afterEach, describe, expect, it } from 'vitest';
import { inventoryChanges, isRescanDue } from '../../src/main/domain/inventory/changes';
import { parseDebianInventory } from '../../src/main/fleet/collectors/debian';
import { createScanRepo } from '../../src/main/store/scan-repo';
import { createApp } from '../../src/main/app';
import { createPassphraseCipher } from '../../src/main/secrets/passphrase-cipher';
import { admin, host, makeApp, tempDir } from './support';

const before = parseDebianInventory(readFileSync('test/fixtures/collectors/debian-api2.txt', 'utf8'));
const after = {
  ...before,
  packages: [
    ...before.packages
      .filter((pkg) => pkg.name !== 'demo-agent')
      .map((pkg) => (pkg.name === 'demo-http' ? { ...pkg, version: '2.1-1' } : pkg)),
    { name: 'htop', version: '3.2.2-2', arch: 'amd64', source: 'htop' },
  ],
  upgrades: before.upgrades.slice(1),
  rebootRequired: false,
};

describe('what changed between two scans', () => {
  it('lists added, removed and changed packages and the upgrade and reboot counts', () => {
    const changes = inventoryChanges(before, after);
    expect(changes.added).toEqual([{ name: 'htop', version: '3.2.2-2' }]);
    expect(changes.removed).toEqual([{ name: 'demo-agent', version: '1.0-1' }]);
    expect(changes.changed).toEqual([{ name: 'demo-http', from: '2.0-1', to: '2.1-1' }]);
    expect(changes).toMatchObject({ upgradesBefore: 2, upgradesAfter: 1, rebootBefore: true, rebootAfter: false });
  });

  it.each([
    [null, 24, false],
    ['2026-11-25T10:00:00.000Z', 24, true],
    ['2026-11-25T12:00:01.000Z', 24, false],
    ['2026-01-01T00:00:00.000Z', 0, false],
  ])('a rescan after %s every %i h is due: %s', (last, hours, due) => {
    expect(isRescanDue(last, hours, new Date('2026-11-26T12:00:00.000Z'))).toBe(due);
  });
});

describe('the scan history store', () => {
  it('keeps each scan, the latest inventory, the changes, and a one-query fleet summary', () => {
    const app = makeApp();
    const web1 = app.services.hosts.add(host(), admin);
    const db2 = app.services.hosts.add(host({ name: 'db2', address: '10.0.0.12' }), admin);
    const repo = createScanRepo(app.store.db);
    const first = repo.createRun('manual', [web1, db2], '2026-11-26T10:00:00.000Z');
    repo.saveInventory(first, web1.id, before, null, '2026-11-26T10:00:05.000Z');
    repo.setHostState(
      first,
      db2.id,
      'failed',
      { code: 'timeout', message: 'db2 did not answer' },
      '2026-11-26T10:01:00.000Z',
    );
    repo.finishRun(first, 'done', '2026-11-26T10:01:00.000Z');
    const second = repo.createRun('schedule', [web1], '2026-11-27T10:00:00.000Z');
    repo.saveInventory(second, web1.id, after, inventoryChanges(before, after), '2026-11-27T10:00:05.000Z');
    repo.finishRun(second, 'done', '2026-11-27T10:00:06.000Z');

    expect(repo.latestInventory(web1.id)?.inventory.packages).toContainEqual(expect.objectContaining({ name: 'htop' }));
    const history = repo.history(web1.id, 10);
    expect(history.map((record) => [record.runId, record.status])).toEqual([
      [second, 'ok'],
      [first, 'ok'],
    ]);
    expect(history[0]?.changes?.changed).toEqual([{ name: 'demo-http', from: '2.0-1', to: '2.1-1' }]);
    expect(history[1]?.changes).toBeNull();
    expect(repo.summaries()).toEqual([
      expect.objectContaining({ hostId: web1.id, lastStatus: 'ok', upgrades: 1, rebootRequired: false }),
      expect.objectContaining({
        hostId: db2.id,
        lastStatus: 'failed',
        lastError: { code: 'timeout', message: 'db2 did not answer' },
        packages: null,
      }),
    ]);
    expect(repo.runs(10).map((run) => [run.trigger, run.state])).toEqual([
      ['schedule', 'done'],
      ['manual', 'done'],
    ]);
  });

  it('keeps full inventories for the last five scans only, and the changes for all', () => {
    const app = makeApp();
    const web1 = app.services.hosts.add(host(), admin);
    const repo = createScanRepo(app.store.db);
    for (let day = 1; day <= 7; day += 1) {
      const at = `2026-11-0${String(day)}T10:00:00.000Z`;
      const run = repo.createRun('schedule', [web1], at);
      repo.saveInventory(run, web1.id, before, null, at);
      repo.finishRun(run, 'done', at);
    }
    const kept = app.store.db.prepare('SELECT COUNT(*) AS n FROM host_scan WHERE inventory IS NOT NULL').get() as {
      n: number;
    };
    expect(kept.n).toBe(5);
    expect(repo.history(web1.id, 50)).toHaveLength(7);
  });
});

const { private: privateKey } = utils.generateKeyPairSync('ed25519');

describe('scan runs', () => {
  let silent: Server | undefined;
  afterEach(() => {
    silent?.close();
  });

  it('records a host that cannot be reached as failed, with its code, and announces each step', async () => {
    const app = makeApp();
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const web1 = app.services.hosts.add(host({ address: '127.0.0.1', port: 1, credentialRef: 'key:web1' }), admin);
    await app.services.secrets.put('key:web1', privateKey);
    const { runId, done } = app.services.scans.start(undefined, 'manual', admin);
    const [result] = await done;
    expect(result).toMatchObject({ status: 'error', error: { code: 'unreachable' } });
    const run = app.services.scans.runs(5)[0];
    expect(run).toMatchObject({ id: runId, state: 'done', hosts: [{ hostId: web1.id, state: 'failed' }] });
    const progress = app.emitted.filter((event) => event.name === 'scan.progress').map((event) => event.payload);
    expect(progress.map((payload) => ('state' in payload ? payload.state : ''))).toEqual(['connecting', 'failed']);
    expect(app.emitted.filter((event) => event.name === 'scan.run').map((event) => event.payload)).toEqual([
      { runId, state: 'running' },
      { runId, state: 'done' },
    ]);
    expect(app.services.audit.list(10, undefined).map((entry) => entry.action)).toContain('scan.start');
  });

  it('cancels a run whose host never answers, and says so per host', async () => {
    // A TCP server that accepts and then stays silent: the SSH handshake waits forever.
    silent = createServer(() => undefined).listen(0, '127.0.0.1');
    await new Promise((resolve) => silent?.once('listening', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const app = makeApp();
    app.services.hosts.add(host({ address: '127.0.0.1', port, credentialRef: 'key:web1' }), admin);
    await app.services.secrets.put('key:web1', privateKey);
    const { runId, done } = app.services.scans.start(undefined, 'manual', admin);
    app.services.scans.cancel(runId, admin);
    const [result] = await done;
    expect(result).toMatchObject({ status: 'error', error: { code: 'cancelled' } });
    expect(app.services.scans.runs(1)[0]).toMatchObject({ state: 'cancelled', hosts: [{ state: 'cancelled' }] });
  });

  it('says a key that cannot be parsed is an authentication problem, not an internal error', async () => {
    const app = makeApp();
    app.services.hosts.add(host({ address: '127.0.0.1', port: 1, credentialRef: 'key:web1' }), admin);
    await app.services.secrets.put('key:web1', 'not a key');
    const [result] = await app.services.scans.start(undefined, 'manual', admin).done;
    expect(result).toMatchObject({ status: 'error', error: { code: 'auth_failed' } });
  });

  it('marks a run the previous process left running as interrupted when the app starts', () => {
    const first = makeApp();
    const web1 = first.services.hosts.add(host(), admin);
    const runId = createScanRepo(first.store.db).createRun('manual', [web1], '2026-11-26T10:00:00.000Z');
    first.close();
    const second = makeApp(first.dataDir);
    expect(second.services.scans.runs(1)[0]).toMatchObject({
      id: runId,
      state: 'interrupted',
      hosts: [{ state: 'cancelled' }],
    });
  });
});

describe('scheduled rescans', () => {
  it('start once the interval has passed since the last run, and not while one runs', async () => {
    let now = new Date('2026-11-26T10:00:00.000Z');
    const app = createApp({
      dataDir: tempDir(),
      transport: 'headless',
      events: () => undefined,
      cipher: createPassphraseCipher('correct horse battery staple'),
      clock: () => now,
    });
    try {
      app.services.hosts.add(host({ address: '127.0.0.1', port: 1, credentialRef: 'key:web1' }), admin);
      await app.services.secrets.put('key:web1', privateKey);
      expect(app.services.scans.rescanIfDue()).toBeNull(); // never scanned: the admin starts the first
      await app.services.scans.start(undefined, 'manual', admin).done;
      now = new Date('2026-11-27T09:59:00.000Z');
      expect(app.services.scans.rescanIfDue()).toBeNull();
      now = new Date('2026-11-27T10:00:00.000Z');
      const runId = app.services.scans.rescanIfDue();
      expect(runId).not.toBeNull();
      expect(app.services.scans.rescanIfDue()).toBeNull(); // one is running
      expect(app.services.scans.runs(1)[0]).toMatchObject({ id: runId, trigger: 'schedule' });
    } finally {
      app.close();
    }
  });
});
