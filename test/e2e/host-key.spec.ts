import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { expect, openApp, test } from './fixtures';
import { listenOnLoopback, type Listening } from './loopback';

/**
 * Trusting and re-trusting host keys, against a real SSH server (ssh2's) on loopback whose host
 * key the test swaps, as a reinstalled server would. Logins are refused: this is about keys.
 */
function makeKey(dir: string, name: string): { file: string; fingerprint: string } {
  const file = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', file]);
  const blob = Buffer.from(readFileSync(`${file}.pub`, 'utf8').split(' ')[1] ?? '', 'base64');
  return { file, fingerprint: `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}` };
}

async function sshServer(hostKeyFile: string, port = 0): Promise<Listening> {
  const server = new ssh2.Server({ hostKeys: [readFileSync(hostKeyFile)] }, (client) => {
    client.on('authentication', (context) => {
      context.reject();
    });
    client.on('error', () => undefined);
  });
  return listenOnLoopback(server, port);
}

test('an unknown key is trusted after a check, and a changed key needs an explicit re-trust past a warning', async ({
  page,
  server,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'patchwise-e2e-keys-'));
  const client = makeKey(dir, 'client');
  const first = makeKey(dir, 'host-first');
  const second = makeKey(dir, 'host-second');
  let ssh = await sshServer(first.file);
  try {
    const added = await server.call('fleet.add', {
      name: 'keyhost',
      address: '127.0.0.1',
      port: ssh.port,
      osFamily: 'debian',
      loginUser: 'root',
      authMethod: 'key',
      credentialRef: `file:${client.file}`,
      jumpHost: null,
      tags: [],
      environment: 'test',
      ring: 'test',
      criticality: 'low',
      exposure: 'isolated',
    });
    const id = (added.value as { id: number }).id;
    await openApp(page, server, `#/fleet/host/${String(id)}`);
    await expect(page.getByRole('heading', { level: 1, name: 'keyhost' })).toBeVisible();

    // A scan refuses a host whose key nobody trusted yet, and offers to test the connection.
    await page.getByRole('button', { name: 'Scan now' }).click();
    await expect(page.getByText('host_key_unknown', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Test connection: keyhost' }).click();
    const dialog = page.getByRole('dialog', { name: 'Test connection to keyhost' });
    await expect(dialog.locator('code.fingerprint')).toHaveText(first.fingerprint);
    await dialog.getByRole('button', { name: 'Trust this key' }).click();
    await expect(dialog.getByRole('status').filter({ hasText: 'Host key trusted' })).toContainText(first.fingerprint);
    await expect(dialog.getByText(/Host key matches the trusted key/)).toBeVisible();
    // The login is refused by this server; the dialog says so instead of claiming success.
    await expect(dialog.getByRole('alert')).toContainText('login refused');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // The server is "reinstalled": same address, new host key.
    await ssh.close();
    ssh = await sshServer(second.file, ssh.port);
    await page.getByRole('button', { name: 'Scan now' }).click();
    await expect(page.getByText('host_key_changed', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Review changed key: keyhost' }).click();
    await expect(dialog.getByRole('alert').filter({ hasText: 'Warning' })).toContainText(
      'the host key of keyhost has changed',
    );
    await expect(dialog.locator('code.fingerprint')).toHaveText(second.fingerprint);
    const retrust = dialog.getByRole('button', { name: 'Trust the new key' });
    await expect(retrust).toBeDisabled();
    await dialog.getByLabel('I checked the new fingerprint on the server and it matches').check();
    await retrust.click();
    await expect(dialog.getByRole('status').filter({ hasText: 'Host key trusted' })).toContainText(second.fingerprint);

    // The audit log records both pins, the second naming the key it replaced.
    const audit = await server.call('audit.list');
    const pins = (audit.value as { action: string; details: { replaced: string | null } }[]).filter(
      (entry) => entry.action === 'host.key.pin',
    );
    expect(pins.map((entry) => entry.details.replaced).sort()).toEqual([first.fingerprint, null].sort());
  } finally {
    await ssh.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
