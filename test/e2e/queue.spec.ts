import { rmSync } from 'node:fs';
import { expect, openApp, startPatchwise, test } from './fixtures';
import { seeded } from './seed';

test('the patch queue shows the feeds it ranks from, the KEV-listed fix first, and why', async ({ page }) => {
  const dataDir = await seeded();
  const { served, process: child } = await startPatchwise(dataDir);
  try {
    await openApp(page, served, '#/queue');
    await expect(page.getByRole('heading', { name: 'Patch queue', level: 1 })).toBeVisible();
    const feeds = page.getByRole('list', { name: 'Feeds' });
    await expect(feeds).toContainText('CISA Known Exploited Vulnerabilities: 2026-11-02');
    await expect(feeds).toContainText('days old');

    const table = page.getByRole('table', { name: 'Patch queue' });
    const rows = table.locator('tbody').getByRole('row');
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText('DEBIAN-CVE-2026-90002');
    await expect(rows.first()).toContainText('KEV');
    await expect(rows.first()).toContainText('web1');
    await expect(rows.nth(1)).toContainText('RLSA-2026:9002');

    await rows.first().getByRole('button', { name: 'DEBIAN-CVE-2026-90002' }).click();
    const why = page.getByRole('list', { name: 'Reasons' });
    await expect(why).toContainText('kev +25: exploited in the wild');
    await expect(why).toContainText('exposure +10: internet-facing');
    await expect(page.getByRole('heading', { name: 'Why DEBIAN-CVE-2026-90002 ranks #1' })).toBeVisible();

    // Filters narrow the table and say how many fixes they keep.
    const filters = page.getByRole('search', { name: 'Filter the queue' });
    await filters.getByRole('searchbox').fill('api1');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('RLSA-2026:9002');
    await expect(filters.getByRole('status')).toHaveText('Showing 1 of 2 fixes');
    await filters.getByRole('searchbox').fill('');
    await filters.getByLabel('SSVC decision').selectOption('Act');
    await expect(rows).toHaveCount(0);
    await expect(filters.getByRole('status')).toHaveText('Showing 0 of 2 fixes');
    await filters.getByLabel('SSVC decision').selectOption('all');
    await expect(rows).toHaveCount(2);
    // Host groups are the fleet's tags.
    await filters.getByLabel('Host group').selectOption('Hosts tagged api');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('RLSA-2026:9002');
    await filters.getByLabel('Host group').selectOption('Every host group');
    // Neither fix (demo-http) needs a reboot.
    await filters.getByLabel('Reboot').selectOption('Needs a reboot');
    await expect(rows).toHaveCount(0);
    await filters.getByLabel('Reboot').selectOption('No reboot needed');
    await expect(rows).toHaveCount(2);

    // Deferring a fix takes it out of the queue, lists it with its owner and end, and revoking returns it.
    await rows.first().getByRole('button', { name: 'DEBIAN-CVE-2026-90002' }).click();
    const form = page.getByRole('form', { name: 'Accept or defer' });
    await form.getByLabel('Owner').fill('web team');
    await form.getByLabel('Reason').fill('Waiting for the Sunday window');
    await form.getByRole('button', { name: 'Record exception' }).click();
    await expect(rows).toHaveCount(1);
    const exceptions = page.getByRole('list', { name: 'Exceptions' });
    await expect(exceptions).toContainText('DEBIAN-CVE-2026-90002: deferred by web team');
    await expect(exceptions).toContainText('active');
    await exceptions.getByRole('button', { name: 'Revoke' }).click();
    await expect(rows).toHaveCount(2);
    await expect(exceptions).toContainText('revoked');
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a compensating control ticked in the host form lowers the fix’s score, and the why panel says by how much', async ({
  page,
}) => {
  const dataDir = await seeded();
  const { served, process: child } = await startPatchwise(dataDir);
  try {
    await openApp(page, served, '#/queue');
    const rows = page.getByRole('table', { name: 'Patch queue' }).locator('tbody').getByRole('row');
    const rhsa = rows.filter({ hasText: 'RLSA-2026:9002' });
    await expect(rhsa).toBeVisible();
    const scoreBefore = await rhsa.getByRole('cell').nth(2).innerText();

    await openApp(page, served, '#/fleet');
    await page.getByRole('button', { name: 'Edit api1' }).click();
    const form = page.getByRole('form', { name: 'Host' });
    const controls = form.getByRole('group', { name: 'Compensating controls' });
    await controls.getByLabel('Reachable only from an admin network (firewall or segmentation)').check();
    await form.getByRole('button', { name: 'Save host' }).click();
    await expect(form).toBeHidden();

    await openApp(page, served, '#/queue');
    await expect(rhsa.getByRole('cell').nth(2)).not.toHaveText(scoreBefore);
    await rhsa.getByRole('button', { name: 'RLSA-2026:9002' }).click();
    const why = page.getByRole('list', { name: 'Reasons' });
    await expect(why).toContainText(
      /controls -[\d.]+: compensating controls network-restricted: severity [\d.]+ to [\d.]+ \(MAV:A; no CVSS vector/,
    );
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the Vulnerabilities page shows every finding, with its state, including those with no fix to apply', async ({
  page,
}) => {
  const dataDir = await seeded();
  const { served, process: child } = await startPatchwise(dataDir);
  try {
    await openApp(page, served, '#/vulnerabilities');
    const table = page.getByRole('table', { name: 'Findings' });
    const rows = table.locator('tbody').getByRole('row');
    await expect(rows).toHaveCount(3);
    const filters = page.getByRole('search', { name: 'Filter findings' });
    await filters.getByLabel('State').selectOption('not-affected');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('libdemo1');
    await expect(rows.first()).toContainText('Not affected');
    await expect(rows.first()).toContainText('CVE-2026-90011');
    await filters.getByLabel('State').selectOption('vulnerable');
    await expect(rows).toHaveCount(2);
    await expect(filters.getByRole('status')).toHaveText('Showing 2 of 3 findings');
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
});
