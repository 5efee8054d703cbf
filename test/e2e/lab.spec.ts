import { rmSync } from 'node:fs';
import { acquireLab, type LabSession } from '../lab/lab-session';
import { demoHttpOn, restoreInitialVersions } from '../lab/lab-shell';
import { expect, openApp, startPatchwise, test } from './fixtures';
import { demoHttpVersions, importText, keyscan, labHost } from './lab-fleet';
import { holdConnection, seedLabSite } from './lab-site';

/**
 * An admin's day with Patchwise against the real lab. First hour: import hosts from a CSV, trust
 * one host's key after comparing its fingerprint, pin the others from ssh-keyscan output, scan,
 * and read what the scan found. Then the main job: finish the service graph, plan a fix from the
 * queue, approve, and watch it patch real hosts.
 *
 * One lab for both, one test at a time: the rollout changes hosts the first test reads.
 */
const PASSPHRASE = 'e2e lab admin passphrase';
test.use({ passphrase: PASSPHRASE });
test.describe.configure({ mode: 'serial' });

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

/** The hosts the demo-http fix for Debian covers: every Debian host that runs demo-http. */
const DEMO_HTTP_DEBIAN = ['search1', 'api2', 'web1', 'web3'];

test('finish the graph, plan a fix from the queue, approve, and watch it patch real hosts', async ({ page }) => {
  test.setTimeout(10 * 60_000);
  if (!lab) throw new Error('beforeAll did not bring the lab up');
  const session = lab;
  // The demo packages as `lab up` installed them: earlier tests may have left some upgraded.
  for (const host of DEMO_HTTP_DEBIAN) await restoreInitialVersions(session.layout, host);
  const dataDir = await seedLabSite(session, PASSPHRASE);
  const { served, process: child } = await startPatchwise(dataDir, PASSPHRASE);
  try {
    // 1. Scan while web1 holds a connection to api1's demo service, as a web tier's pool would.
    const held = await holdConnection(session, 'web1', 'api1', 8080);
    try {
      await openApp(page, served, '#/fleet');
      await page.getByRole('button', { name: 'Scan all' }).click();
      const run = page.getByRole('article', { name: /^Scan run \d+$/ });
      await expect(run.getByRole('status')).toHaveText('10/10 done: 10 ok · 0 failed', { timeout: 180_000 });
    } finally {
      await held.release();
    }

    // 2. The graph: accept the dependency the scan saw, draw the other one, save.
    await page.getByRole('navigation').getByRole('link', { name: 'Service graph' }).click();
    const proposals = page.getByRole('list', { name: 'Proposed dependencies' });
    await expect(proposals).toContainText(/web1 -> api1:8080/);
    await proposals.getByRole('button', { name: 'Accept: Web shop depends on Shop API' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Version 2' })).toBeVisible();
    const form = page.getByRole('form', { name: 'Add a dependency' });
    await form.getByLabel('Service').selectOption({ label: 'Shop API' });
    await form.getByLabel('depends on').selectOption({ label: 'PostgreSQL' });
    await form.getByRole('button', { name: 'Add dependency' }).press('Enter');
    await page.getByRole('button', { name: 'Save graph' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Version 3' })).toBeVisible();
    const drawn = page.getByRole('list', { name: 'Drawn dependencies' });
    await expect(drawn).toContainText('Web shop depends on Shop API');
    await expect(drawn).toContainText('Shop API depends on PostgreSQL');

    // 3. The queue's top fix, demo-http on Debian, planned from its panel.
    await page.getByRole('navigation').getByRole('link', { name: 'Patch queue' }).click();
    await page.getByRole('button', { name: 'DEBIAN-CVE-2026-90002' }).click();
    await page.getByRole('link', { name: 'Plan a rollout of DEBIAN-CVE-2026-90002' }).click();
    await expect(page.getByRole('heading', { name: 'Plan for DEBIAN-CVE-2026-90002', level: 2 })).toBeVisible();
    // search1 first (non-critical); then the important ring, the API before the web shop that depends on it.
    const nonCritical = page.getByRole('table', { name: 'Batches of ring non-critical' }).locator('tbody tr');
    await expect(nonCritical).toHaveCount(1);
    await expect(nonCritical.first()).toContainText('search1');
    const important = page.getByRole('table', { name: 'Batches of ring important' }).locator('tbody tr');
    await expect(important.first()).toContainText('api2');
    await expect(important.last()).toContainText(/web[13]/);

    // 4. A dry run asks each host what would change; then start. The non-critical ring runs,
    // the important ring waits for an admin.
    const start = page.getByRole('form', { name: 'Start rollout' });
    await start.getByLabel('Versions').selectOption({ label: 'fixed versions' });
    await start.getByLabel(/Failure threshold/).fill('0');
    await start.getByRole('button', { name: 'Dry run' }).click();
    await expect(start.getByRole('status')).toHaveText('4 hosts asked. Nothing was changed.', { timeout: 120_000 });
    const dryRun = start.getByRole('table', { name: 'Dry run by host' });
    for (const name of DEMO_HTTP_DEBIAN)
      await expect(dryRun.getByRole('row', { name: new RegExp(`^${name}\\b`) })).toContainText(
        'demo-http 2.0-1 → 2.1-1',
      );
    await start.getByRole('button', { name: 'Start' }).click();
    const status = page.getByRole('status').filter({ hasText: /waiting for approval|running|halted|done/ });
    const hosts = page.getByRole('table', { name: 'Hosts of rollout 1' });
    const row = (name: string) => hosts.locator('tr', { has: page.getByRole('button', { name: `Steps of ${name}` }) });
    await expect(status).toHaveText('waiting for approval: Ring important waits for approval', { timeout: 120_000 });
    await expect(row('search1')).toContainText('done');
    await expect(row('web1')).toContainText('pending');

    // 5. Approve, and watch: each host drained in turn, patched, verified, back in.
    await page.getByRole('button', { name: 'Approve ring important' }).click();
    await expect(status).toContainText('running');
    await expect(hosts.getByText(/^active: /).first()).toBeVisible();
    await expect(status).toHaveText('done', { timeout: 240_000 });
    for (const name of DEMO_HTTP_DEBIAN) {
      await expect(row(name)).toContainText('done');
      // The Drained column (the fifth): back in traffic.
      await expect(row(name).locator('td').nth(3)).toHaveText('no');
    }
    await page.getByRole('button', { name: 'Steps of web1' }).click();
    const steps = page.getByRole('list', { name: 'Steps of web1' }).getByRole('listitem');
    // (A restart step too when the patch left a service running old code; demo-http restarts itself.)
    for (const step of ['precheck', 'drain', 'record', 'patch', 'verify', 'undrain'])
      await expect(steps.filter({ hasText: new RegExp(`^${step} · attempt 1 · ok`) })).toHaveCount(1);

    // The hosts themselves say so: demo-http is at the fixed version on all four.
    for (const name of DEMO_HTTP_DEBIAN) expect(await demoHttpOn(session.layout, name)).toBe('2.1-1');
  } finally {
    const exited = new Promise((resolve) => {
      if (child.exitCode !== null) resolve(child.exitCode);
      else child.once('exit', resolve);
    });
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
    for (const host of DEMO_HTTP_DEBIAN) await restoreInitialVersions(session.layout, host);
  }
});
