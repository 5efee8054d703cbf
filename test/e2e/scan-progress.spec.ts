import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, openApp, test, type Served } from './fixtures';
import { listenOnLoopback, type Listening } from './loopback';

/**
 * Scan progress without the lab: one host refuses connections (fails at once as unreachable),
 * another accepts TCP and then says nothing, so its scan hangs until it is cancelled.
 */
async function silentSshPort(): Promise<Listening> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return listenOnLoopback(server, 0, () => {
    for (const socket of sockets) socket.destroy();
  });
}

/** A throwaway key, so the scan gets as far as connecting (a missing key file fails it before that). */
function makeKey(dir: string): string {
  const file = join(dir, 'id_ed25519');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
  return file;
}

async function addHost(server: Served, name: string, port: number, keyFile: string): Promise<void> {
  const reply = await server.call('fleet.add', {
    name,
    address: '127.0.0.1',
    port,
    osFamily: 'debian',
    loginUser: 'root',
    authMethod: 'key',
    credentialRef: `file:${keyFile}`,
    jumpHost: null,
    tags: [],
    environment: 'test',
    ring: 'test',
    criticality: 'low',
    exposure: 'isolated',
  });
  if (!reply.ok) throw new Error(`fleet.add ${name}: ${JSON.stringify(reply.error)}`);
}

test('a scan shows each host’s state, survives a reload, can be cancelled, and failures offer their next step', async ({
  page,
  server,
}) => {
  const silent = await silentSshPort();
  const keyDir = mkdtempSync(join(tmpdir(), 'patchwise-e2e-key-'));
  try {
    const keyFile = makeKey(keyDir);
    await addHost(server, 'closed', 1, keyFile);
    await addHost(server, 'silent', silent.port, keyFile);
    await openApp(page, server);

    await page.getByRole('button', { name: 'Scan all' }).click();
    const run = page.getByRole('article', { name: 'Scan run 1' });
    const bar = run.getByRole('progressbar', { name: 'Scan run 1' });
    await expect(bar).toHaveAttribute('aria-valuemax', '2');
    await expect(bar).toHaveAttribute('aria-valuenow', '1');
    const hosts = run.getByRole('table', { name: 'Scan run 1 by host' });
    await expect(hosts.getByRole('row', { name: /closed/ })).toContainText('unreachable');
    await expect(hosts.getByRole('row', { name: /silent/ })).toContainText('Connecting…');

    // After a reload the run is read back from the store: same counts, same states.
    await page.reload();
    await page.locator('html[data-app-ready="true"]').waitFor();
    await expect(bar).toHaveAttribute('aria-valuenow', '1');
    await expect(run.getByRole('status')).toHaveText('1/2 done: 0 ok · 1 failed · 1 in progress · 0 queued');
    await expect(hosts.getByRole('row', { name: /silent/ })).toContainText('Connecting…');
    const fleet = page.getByRole('table', { name: 'Hosts', exact: true });
    await expect(fleet.getByRole('row', { name: /silent/ })).toContainText('Connecting…');

    await run.getByRole('button', { name: 'Cancel scan' }).click();
    await expect(run.getByRole('heading')).toHaveText('Scan run 1 · cancelled');
    await expect(bar).toHaveAttribute('aria-valuenow', '2');
    await expect(hosts.getByRole('row', { name: /silent/ })).toContainText('Cancelled');
    await expect(hosts.getByRole('button', { name: 'Scan again: silent' })).toBeVisible();
    await expect(fleet.getByRole('row', { name: /closed/ })).toContainText('Failed · unreachable');

    // The unreachable host's next step is a retry: a new run of just that host.
    await hosts.getByRole('button', { name: 'Retry: closed' }).click();
    const retry = page.getByRole('article', { name: 'Scan run 2' });
    await expect(retry.getByRole('progressbar')).toHaveAttribute('aria-valuemax', '1');
    await expect(retry.getByRole('status')).toHaveText('1/1 done: 0 ok · 1 failed');
  } finally {
    await silent.close();
    rmSync(keyDir, { recursive: true, force: true });
  }
});
