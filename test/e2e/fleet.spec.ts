import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

async function fillHost(page: Page, fields: { name: string; address: string; port?: string }): Promise<void> {
  const form = page.getByRole('form', { name: 'Host' });
  await form.getByLabel('Name', { exact: true }).fill(fields.name);
  await form.getByLabel('Address').fill(fields.address);
  await form.getByLabel('Port').fill(fields.port ?? '22');
  await form.getByRole('button', { name: 'Save host' }).click();
}

const hostsTable = (page: Page) => page.getByRole('table', { name: 'Hosts' });

test('an admin adds a host and it is still there after a reload', async ({ page, server }) => {
  await openApp(page, server);
  await page.getByRole('button', { name: 'Add host' }).click();
  await fillHost(page, { name: 'web1', address: '10.20.0.11' });
  await expect(page.getByRole('form', { name: 'Host' })).toBeHidden();
  await expect(hostsTable(page).getByRole('row', { name: /web1/ })).toContainText('10.20.0.11');

  await page.reload();
  await page.locator('html[data-app-ready="true"]').waitFor();
  await expect(hostsTable(page).getByRole('row', { name: /web1/ })).toContainText('10.20.0.11');
});

test('invalid input shows a clear message and stores nothing', async ({ page, server }) => {
  await server.call('fleet.add', {
    name: 'db1',
    address: '10.20.0.31',
    port: 22,
    osFamily: 'debian',
    loginUser: 'root',
    authMethod: 'key',
    credentialRef: null,
    jumpHost: null,
    tags: [],
    environment: 'production',
    ring: 'critical',
    criticality: 'critical',
    exposure: 'internal',
  });
  await openApp(page, server);
  await page.getByRole('button', { name: 'Add host' }).click();
  const form = page.getByRole('form', { name: 'Host' });

  await fillHost(page, { name: '', address: '10.20.0.12' });
  await expect(form.getByRole('alert').filter({ hasText: 'Name is required' })).toBeVisible();
  await expect(form.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  await fillHost(page, { name: 'web2', address: '10.20.0.12', port: '70000' });
  await expect(form.getByRole('alert').filter({ hasText: 'Port must be between 1 and 65535' })).toBeVisible();

  await fillHost(page, { name: 'web2', address: '10.20.0.31' });
  await expect(form.getByRole('alert').filter({ hasText: 'Host "db1" already uses 10.20.0.31 port 22' })).toBeVisible();

  const listed = await server.call('fleet.list');
  expect(listed.value).toHaveLength(1);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(hostsTable(page).getByRole('row')).toHaveCount(2); // header + db1
});

test('an admin edits and removes a host', async ({ page, server }) => {
  await openApp(page, server);
  await page.getByRole('button', { name: 'Add host' }).click();
  await fillHost(page, { name: 'api1', address: 'api1.plant.lan' });
  await page.getByRole('button', { name: 'Edit api1' }).click();
  await fillHost(page, { name: 'api1', address: 'api1.plant.lan', port: '2222' });
  await expect(hostsTable(page).getByRole('row', { name: /api1/ })).toContainText('2222');
  await page.getByRole('button', { name: 'Remove api1' }).click();
  await page.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(hostsTable(page)).toBeHidden();
  await expect(page.getByText(/No hosts yet/)).toBeVisible();
});

test('the audit log shows the change, and editing a row in SQLite makes verification fail', async ({
  page,
  server,
}) => {
  await openApp(page, server);
  await page.getByRole('button', { name: 'Add host' }).click();
  await fillHost(page, { name: 'web3', address: '10.20.0.13' });
  await expect(hostsTable(page).getByRole('row', { name: /web3/ })).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Audit log' }).click();
  const audit = page.getByRole('table', { name: 'Audit log' });
  await expect(audit.getByRole('row', { name: /host\.add/ })).toContainText('web3');
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Chain intact' })).toContainText('1');

  // What someone with the database file could do: drop the guard triggers and rewrite history.
  const db = new Database(join(server.dataDir, 'patchwise.db'));
  db.exec("DROP TRIGGER audit_entry_no_update; UPDATE audit_entry SET actor = 'mallory' WHERE seq = 1;");
  db.close();

  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Tampering detected' })).toContainText('entry 1');
});
