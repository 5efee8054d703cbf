import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Locator, Page } from '@playwright/test';
import type { LabHost } from '../../src/main/lab/profile';
import { acquireLab, type LabSession } from '../lab/lab-session';
import { expect, openApp, test } from './fixtures';

/**
 * The first hour of an admin's day with Patchwise, against the real lab: import hosts from a CSV,
 * trust one host's key after comparing its fingerprint, pin the others from ssh-keyscan output,
 * scan, and read what the scan found.
 */
test.use({ passphrase: 'e2e lab admin passphrase' });

let lab: LabSession | null = null;

test.beforeAll(async ({}, testInfo) => {
  // A cold `lab up` builds images and a package mirror; a cached one takes about half a minute.
  testInfo.setTimeout(20 * 60_000);
  const acquired = await acquireLab();
  test.skip(acquired.skip !== null, acquired.skip ?? '');
  lab = acquired.session;
});

test.afterAll(async ({}, testInfo) => {
  testInfo.setTimeout(5 * 60_000);
  await lab?.release();
});

const execFileAsync = promisify(execFile);

/** `SHA256:…` as ssh-keygen -l prints it, from a public key line. */
function fingerprintOf(keyLine: string): string {
  const blob = Buffer.from(keyLine.trim().split(/\s+/)[1] ?? '', 'base64');
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

function labHost(session: LabSession, name: string): LabHost & { fingerprint: string } {
  const host = session.hosts.find((candidate) => candidate.name === name);
  const key = session.hostKeys[name];
  if (!host || !key) throw new Error(`the lab has no host ${name}`);
  return { ...host, fingerprint: fingerprintOf(key) };
}

/** known_hosts lines as an admin would collect them, straight from the hosts (retried until all answer). */
async function keyscan(addresses: readonly string[]): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { stdout } = await execFileAsync('ssh-keyscan', ['-T', '5', '-t', 'ed25519', ...addresses]).catch(() => ({
      stdout: '',
    }));
    if (addresses.every((address) => stdout.includes(`${address} ssh-ed25519 `))) return stdout;
    if (Date.now() > deadline) throw new Error(`ssh-keyscan did not reach ${addresses.join(', ')}:\n${stdout}`);
  }
}

/** The demo-http versions a fresh lab host has installed and is offered, from the lab's own definition. */
function demoHttpVersions(): { installed: string; available: string } {
  const manifest = JSON.parse(readFileSync('resources/lab/packages/demo-http/manifest.json', 'utf8')) as {
    initialVersion: string;
    versions: { version: string; debRevision: string }[];
  };
  const deb = (entry: { version: string; debRevision: string } | undefined): string =>
    entry ? `${entry.version}-${entry.debRevision}` : 'missing';
  return {
    installed: deb(manifest.versions.find((entry) => entry.version === manifest.initialVersion)),
    available: deb(manifest.versions.at(-1)),
  };
}

async function importText(
  page: Page,
  format: string,
  fill: (dialog: Locator) => Promise<void>,
  preview: string,
  applied: string,
) {
  await page.getByRole('button', { name: 'Import hosts' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import hosts' });
  await dialog.getByLabel('Format').selectOption({ label: format });
  await fill(dialog);
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Preview:' })).toHaveText(preview);
  return {
    dialog,
    apply: async () => {
      await dialog.getByRole('button', { name: 'Apply' }).click();
      await expect(dialog.getByRole('status').filter({ hasText: 'Imported:' })).toHaveText(applied);
      await dialog.getByRole('button', { name: 'Done' }).click();
      await expect(dialog).toBeHidden();
    },
  };
}

test('import an inventory, scan, watch progress, open a host page and see its pending updates', async ({
  page,
  server,
}) => {
  test.setTimeout(5 * 60_000);
  if (!lab) throw new Error('beforeAll did not bring the lab up');
  const session = lab;
  const [web1, web2, db1] = ['web1', 'web2', 'db1'].map((name) => labHost(session, name)) as [
    ReturnType<typeof labHost>,
    ReturnType<typeof labHost>,
    ReturnType<typeof labHost>,
  ];
  const csv = [
    'name,address,user,credential,os',
    ...[web1, web2, db1].map(
      (host) =>
        `${host.name},${host.address},${host.loginUser},file:${session.layout.keyFile},${host.os === 'debian' ? 'debian' : 'rhel'}`,
    ),
    '',
  ].join('\n');

  await openApp(page, server);
  await expect(page.getByText(/No hosts yet/)).toBeVisible();

  // 1. The CSV, chosen as a file: the dialog reads it and picks the format from its name.
  const csvImport = await importText(
    page,
    'CSV (spreadsheet)',
    async (dialog) => {
      await dialog.getByLabel('Or choose a file').setInputFiles({
        name: 'lab-hosts.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv),
      });
      await expect(dialog.getByLabel('Inventory text')).toHaveValue(csv);
    },
    'Preview: 3 hosts to add.',
    'Imported: 3 hosts added.',
  );
  const fileRows = csvImport.dialog.getByRole('table', { name: 'Import rows' });
  for (const host of [web1, web2, db1])
    await expect(fileRows.getByRole('row', { name: new RegExp(`\\b${host.name}\\b`) })).toContainText(
      `Add${host.address}${host.loginUser} (key)`,
    );
  await csvImport.apply();

  const hostsTable = page.getByRole('table', { name: 'Hosts', exact: true });
  await expect(hostsTable).toHaveAttribute('aria-rowcount', '4');
  await expect(hostsTable.getByRole('row', { name: /web1/ })).toContainText('Never scanned');

  // 2. web1's key, trusted after comparing the fingerprint with the lab's own record of it.
  await hostsTable.getByRole('link', { name: 'web1', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'web1' })).toBeVisible();
  await page.getByRole('button', { name: 'Test connection', exact: true }).click();
  const test1 = page.getByRole('dialog', { name: 'Test connection to web1' });
  await expect(test1.getByText('web1 presents a key Patchwise has not trusted yet.')).toBeVisible();
  await expect(test1.locator('code.fingerprint')).toHaveText(web1.fingerprint);
  await test1.getByRole('button', { name: 'Trust this key' }).click();
  await expect(test1.getByRole('status').filter({ hasText: 'Host key trusted' })).toContainText(web1.fingerprint);
  await expect(test1.getByText(/^Login works/)).toBeVisible();
  await test1.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(test1).toBeHidden();

  // A sudo password can be stored; the page says it is stored and never shows it.
  await page.getByRole('button', { name: 'Store sudo password' }).click();
  const sudo = page.getByRole('dialog', { name: 'Sudo password for web1' });
  await sudo.getByLabel('Sudo password', { exact: true }).fill('not-really-needed');
  await sudo.getByRole('button', { name: 'Store sudo password' }).click();
  await expect(sudo).toBeHidden();
  const secrets = page.getByRole('table', { name: 'Stored secrets' });
  await expect(secrets.getByRole('row', { name: /Sudo password/ })).toContainText('stored, last set');
  await expect(page.getByText('not-really-needed')).toHaveCount(0);

  // 3. The other two keys, pinned from ssh-keyscan output pasted as known_hosts.
  await page.getByRole('navigation').getByRole('link', { name: 'Fleet' }).click();
  const scanned = await keyscan([web2.address, db1.address]);
  const pinImport = await importText(
    page,
    'known_hosts (pins host keys)',
    async (dialog) => {
      await dialog.getByLabel('Inventory text').fill(scanned);
    },
    'Preview: 2 host keys to pin.',
    'Imported: 2 host keys pinned.',
  );
  const pinRows = pinImport.dialog.getByRole('table', { name: 'Import rows' });
  for (const host of [web2, db1])
    await expect(pinRows.getByRole('row', { name: new RegExp(`\\b${host.name}\\b`) })).toContainText(
      `Pin key${host.fingerprint}`,
    );
  await pinImport.apply();

  // 4. Scan everything; the progress survives a reload because it comes from the stored run.
  await page.getByRole('button', { name: 'Scan all' }).click();
  const run = page.getByRole('article', { name: /^Scan run \d+$/ });
  await expect(run).toBeVisible();
  await page.reload();
  await page.locator('html[data-app-ready="true"]').waitFor();
  const bar = run.getByRole('progressbar');
  await expect(bar).toHaveAttribute('aria-valuemax', '3');
  await expect(bar).toHaveAttribute('aria-valuenow', '3', { timeout: 180_000 });
  await expect(run.getByRole('status')).toHaveText('3/3 done: 3 ok · 0 failed');
  const runHosts = run.getByRole('table', { name: /^Scan run \d+ by host$/ });
  for (const host of [web1, web2, db1])
    await expect(runHosts.getByRole('row', { name: new RegExp(`\\b${host.name}\\b`) })).toContainText('OK');
  await expect(hostsTable.getByRole('row', { name: /web1/ })).toContainText('OK');
  // The scan columns sort: web2 (Rocky) is the one with security advisories.
  const security = hostsTable.getByRole('columnheader', { name: 'Security' });
  await security.getByRole('button').click();
  await expect(security).toHaveAttribute('aria-sort', 'descending');
  await expect(hostsTable.locator('tbody').getByRole('row').first()).toContainText('web2');
  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'OK' });
  await expect(hostsTable).toHaveAttribute('aria-rowcount', '4');

  // 5. web1 (Debian): demo-http is pending, from the version the lab installed to the newest.
  const { installed, available } = demoHttpVersions();
  await hostsTable.getByRole('link', { name: 'web1', exact: true }).click();
  const updates = page.getByRole('table', { name: 'Pending updates' });
  const demoHttp = updates.getByRole('row', { name: /demo-http/ });
  await expect(demoHttp.getByRole('cell').first()).toHaveText(`${installed} → ${available}`);

  // 6. web2 (Rocky): the libdemo advisory and the CVE it fixes.
  await page.getByRole('navigation').getByRole('link', { name: 'Fleet' }).click();
  await hostsTable.getByRole('link', { name: 'web2', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'web2' })).toBeVisible();
  const advisories = page.getByRole('table', { name: 'Security advisories' });
  await expect(advisories.getByRole('row', { name: /RLSA-2026:9001/ })).toContainText('CVE-2026-90001');
});
