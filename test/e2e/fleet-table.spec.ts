import type { Locator, Page } from '@playwright/test';
import { expect, openApp, test, type Served } from './fixtures';

const HOSTS = 3000;
const name = (n: number): string => `host-${String(n).padStart(4, '0')}`;

/**
 * Adds the hosts over the HTTP API, as a script would: one CSV import, which is how a site with
 * thousands of hosts brings them in (3000 single adds would take most of the test's time).
 */
async function addHosts(server: Served, count: number): Promise<void> {
  const rows = ['name,address,os,tags'];
  for (let n = 1; n <= count; n++) {
    const address = `10.${String(100 + Math.floor(n / 250))}.${String(n % 250)}.${String(1 + (n % 200))}`;
    rows.push(`${name(n)},${address},${n % 3 === 0 ? 'rhel' : 'debian'},${n % 10 === 0 ? 'dmz' : ''}`);
  }
  const reply = await server.call('fleet.import', {
    format: 'csv',
    text: rows.join('\n'),
    defaults: {
      loginUser: 'root',
      environment: 'production',
      ring: 'non-critical',
      criticality: 'medium',
      exposure: 'internal',
    },
    apply: true,
  });
  const added = (reply.value as { rows?: { action: string }[] } | undefined)?.rows?.filter(
    (row) => row.action === 'add',
  );
  if (!reply.ok || added?.length !== count)
    throw new Error(`fleet.import did not add ${String(count)} hosts: ${JSON.stringify(reply)}`);
}

const hostsTable = (page: Page): Locator => page.getByRole('table', { name: 'Hosts', exact: true });
const bodyRows = (page: Page): Locator => hostsTable(page).locator('tbody').getByRole('row');

test('the fleet table stays a small window of rows over 3000 hosts, and sorts and filters them all', async ({
  page,
  server,
}) => {
  test.setTimeout(180_000);
  await addHosts(server, HOSTS);
  await openApp(page, server);

  const table = hostsTable(page);
  await expect(table).toHaveAttribute('aria-rowcount', String(HOSTS + 1));
  await expect(page.getByText(`${String(HOSTS)} hosts`, { exact: true })).toBeVisible();
  await expect(bodyRows(page).first()).toContainText(name(1));
  // Virtual rows: a window of the table is in the DOM, not three thousand rows.
  const rendered = await bodyRows(page).count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(120);

  // Scrolling to the end renders the last rows, with their place in the whole table.
  await table.locator('xpath=..').evaluate((scroller) => {
    scroller.scrollTop = scroller.scrollHeight;
  });
  const last = table.getByRole('row', { name: new RegExp(name(HOSTS)) });
  await expect(last).toHaveAttribute('aria-rowindex', String(HOSTS + 1));
  expect(await bodyRows(page).count()).toBeLessThan(120);

  // Sorting by name the other way puts the last host first.
  const nameHeader = table.getByRole('columnheader', { name: 'Name' });
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await table.locator('xpath=..').evaluate((scroller) => {
    scroller.scrollTop = 0;
  });
  await expect(bodyRows(page).first()).toContainText(name(HOSTS));
  await expect(bodyRows(page).first()).toHaveAttribute('aria-rowindex', '2');

  // Sorting by status keeps every host (none scanned) and falls back to names, ascending.
  const statusHeader = table.getByRole('columnheader', { name: 'Status' });
  await statusHeader.getByRole('button').click();
  await expect(statusHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(nameHeader).toHaveAttribute('aria-sort', 'none');
  await expect(bodyRows(page).first()).toContainText(name(1));
  await expect(bodyRows(page).first()).toContainText('Never scanned');

  // The text filter finds words in names and tags; the count says how many of all are shown.
  const filter = page.getByRole('searchbox', { name: 'Filter hosts' });
  await filter.fill(name(2999));
  await expect(table).toHaveAttribute('aria-rowcount', '2');
  await expect(bodyRows(page)).toHaveCount(1);
  await expect(page.getByText(`Showing 1 of ${String(HOSTS)} hosts`)).toBeVisible();

  await filter.fill('dmz');
  await expect(table).toHaveAttribute('aria-rowcount', String(HOSTS / 10 + 1));
  await expect(page.getByText(`Showing ${String(HOSTS / 10)} of ${String(HOSTS)} hosts`)).toBeVisible();

  // "Select all" takes every filtered host, rendered or not.
  await table.getByRole('checkbox', { name: 'Select all shown hosts' }).check();
  await expect(page.getByRole('button', { name: `Scan selected (${String(HOSTS / 10)})` })).toBeEnabled();

  // Status and reboot filters: nothing has been scanned, so nothing is OK and every reboot is unknown.
  await filter.fill('');
  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'OK' });
  await expect(page.getByText('No host matches this filter.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear the filter' }).click();
  await page.getByRole('combobox', { name: 'Reboot' }).selectOption({ label: 'Reboot unknown' });
  await expect(table).toHaveAttribute('aria-rowcount', String(HOSTS + 1));
});

test('arrow keys move between virtual rows, keeping the column', async ({ page, server }) => {
  await addHosts(server, 120);
  await openApp(page, server);
  const table = hostsTable(page);
  await table.getByRole('link', { name: name(1), exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(table.getByRole('link', { name: name(2), exact: true })).toBeFocused();
  for (let n = 2; n < 45; n++) await page.keyboard.press('ArrowDown');
  // Row 45 was below the first window; it was rendered and scrolled into view to take focus.
  await expect(table.getByRole('link', { name: name(45), exact: true })).toBeFocused();
  await expect(table.getByRole('link', { name: name(45), exact: true })).toBeInViewport();
  await page.keyboard.press('ArrowUp');
  await expect(table.getByRole('link', { name: name(44), exact: true })).toBeFocused();
});
