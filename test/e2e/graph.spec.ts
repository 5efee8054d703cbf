import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/main/app';
import { parseDebianInventory } from '../../src/main/fleet/collectors/debian';
import { createPassphraseCipher } from '../../src/main/secrets/passphrase-cipher';
import { createScanRepo } from '../../src/main/store/scan-repo';
import { DEFAULT_HOST_INPUT } from '../../src/shared/domain/host';
import type { Connection } from '../../src/shared/domain/inventory';
import { expect, openApp, startPatchwise, test } from './fixtures';

/**
 * Three hosts scanned (an inventory recorded from a lab host, with the connections replaced):
 * web1 talks to api1's port 8080, which api1 listens on, so a web -> api dependency is proposed
 * once both are in services.
 */
function seeded(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'patchwise-e2e-graph-'));
  const app = createApp({
    dataDir,
    transport: 'headless',
    events: () => undefined,
    cipher: createPassphraseCipher('e2e-graph-passphrase'),
  });
  try {
    const ctx = { actor: 'e2e seed' };
    const at = new Date().toISOString();
    const base = parseDebianInventory(readFileSync('test/fixtures/collectors/debian-api2.txt', 'utf8'));
    const scans = createScanRepo(app.store.db);
    const save = (name: string, address: string, connections: Connection[]) => {
      const host = app.services.hosts.add({ ...DEFAULT_HOST_INPUT, name, address }, ctx);
      const run = scans.createRun('manual', [host], at);
      scans.saveInventory(run, host.id, { ...base, connections }, null, at);
      scans.finishRun(run, 'done', at);
    };
    const listen = (port: number): Connection => ({
      state: 'listen',
      local: '0.0.0.0',
      localPort: port,
      remote: null,
      remotePort: null,
      process: null,
    });
    save('web1', '10.213.0.12', [
      {
        state: 'established',
        local: '10.213.0.12',
        localPort: 41000,
        remote: '10.213.0.15',
        remotePort: 8080,
        process: 'nginx',
      },
    ]);
    save('api1', '10.213.0.15', [listen(8080)]);
    save('db1', '10.213.0.21', [listen(5432)]);
  } finally {
    app.close();
  }
  return dataDir;
}

test('an admin draws services, accepts a proposed dependency, draws one with the mouse and one with the keyboard, and saves versions', async ({
  page,
}) => {
  const dataDir = seeded();
  const { served, process: child } = await startPatchwise(dataDir);
  try {
    await openApp(page, served, '#/graph');
    await expect(page.getByRole('heading', { name: 'Service graph', level: 1 })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Graph issues' })).toContainText('3 hosts are in no service');

    const addService = async (name: string, host: string) => {
      const form = page.getByRole('form', { name: 'Add a service' });
      await form.getByLabel('New service').fill(name);
      await form.getByRole('button', { name: 'Add service' }).click();
      await form.getByLabel('Edit').selectOption({ label: name });
      await page.getByLabel('Add a host').selectOption(host);
      await expect(page.getByRole('list', { name: `Members of ${name}` })).toContainText(host);
    };
    await addService('Web', 'web1');
    await addService('API', 'api1');
    await addService('DB', 'db1');
    await page.getByRole('button', { name: 'Save graph' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Version 1' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Graph issues' })).toBeHidden();

    // The connection web1 -> api1:8080 becomes a proposal; accepting it saves version 2.
    const proposals = page.getByRole('list', { name: 'Proposed dependencies' });
    await expect(proposals).toContainText('Web depends on API');
    await expect(proposals).toContainText('web1 -> api1:8080 (nginx)');
    await proposals.getByRole('button', { name: 'Accept: Web depends on API' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Version 2' })).toBeVisible();
    const drawn = page.getByRole('list', { name: 'Drawn dependencies' });
    await expect(drawn).toContainText('Web depends on API');

    // With the mouse: from API's right handle to DB's left handle.
    const canvas = page.locator('.graph-canvas');
    await page.getByRole('button', { name: 'Auto layout' }).click();
    const node = (name: string) => canvas.locator('.react-flow__node').filter({ hasText: name });
    // Where a handle is once the view has been fitted to the laid-out graph (a frame after the
    // layout): inside the canvas.
    const centre = async (handle: ReturnType<typeof node>) => {
      let at = { x: 0, y: 0 };
      await expect(async () => {
        const [box, frame] = await Promise.all([handle.boundingBox(), canvas.boundingBox()]);
        if (!box || !frame) throw new Error('not drawn yet');
        at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
        expect(at.x > frame.x && at.x < frame.x + frame.width && at.y > frame.y && at.y < frame.y + frame.height).toBe(
          true,
        );
      }).toPass();
      return at;
    };
    const start = await centre(node('API').locator('.react-flow__handle-right'));
    const end = await centre(node('DB').locator('.react-flow__handle-left'));
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(end.x, end.y, { steps: 12 });
    await page.mouse.up();
    await expect(drawn).toContainText('API depends on DB');

    // With the keyboard: the form adds Web depends on DB.
    const form = page.getByRole('form', { name: 'Add a dependency' });
    await form.getByLabel('Service').selectOption({ label: 'Web' });
    await form.getByLabel('depends on').selectOption({ label: 'DB' });
    await form.getByRole('button', { name: 'Add dependency' }).press('Enter');
    await expect(drawn).toContainText('Web depends on DB');
    await expect(page.getByRole('status').filter({ hasText: 'unsaved changes' })).toBeVisible();
    await page.getByRole('button', { name: 'Save graph' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Version 3' })).toBeVisible();

    // Still there after a reload.
    await page.reload();
    await expect(page.getByRole('list', { name: 'Drawn dependencies' })).toContainText('API depends on DB');
    await expect(page.getByRole('status').filter({ hasText: 'Version 3' })).toBeVisible();
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('an admin sets a service’s drain and health checks, saves, and finds them after a reload', async ({
  page,
  server,
}) => {
  for (const [name, address] of [
    ['lb1', '10.213.0.10'],
    ['web1', '10.213.0.12'],
    ['web2', '10.213.0.13'],
  ] as const) {
    const added = await server.call('fleet.add', { ...DEFAULT_HOST_INPUT, name, address });
    expect(added.ok).toBe(true);
  }
  await openApp(page, server, '#/graph');
  const form = page.getByRole('form', { name: 'Add a service' });
  await form.getByLabel('New service').fill('Web');
  await form.getByRole('button', { name: 'Add service' }).click();
  await form.getByLabel('Edit').selectOption({ label: 'Web' });
  const panel = page.getByRole('region', { name: 'Web', exact: true });
  await panel.getByLabel('Add a host').selectOption('web1');
  await panel.getByLabel('Add a host').selectOption('web2');

  // Health checks: a refused one says why beside its field; two are added.
  const checks = panel.getByRole('list', { name: 'Health checks of Web' });
  const add = panel.getByRole('form', { name: 'Add a health check' });
  await add.getByLabel('Check that').selectOption({ label: 'systemd unit is active' });
  await add.getByLabel('Unit').fill('demo-http');
  await add.getByRole('button', { name: 'Add check' }).click();
  await expect(add.getByText('A systemd unit name, e.g. nginx.service')).toBeVisible();
  await expect(add.getByLabel('Unit')).toBeFocused();
  await add.getByLabel('Unit').fill('demo-http.service');
  await add.getByLabel('Unit').press('Enter');
  await expect(checks).toContainText('systemd unit demo-http.service');
  await add.getByLabel('Check that').selectOption({ label: 'HTTP GET answers' });
  await add.getByLabel('Port').fill('8080');
  await add.getByLabel('Path').fill('/health');
  await add.getByLabel('Requests').fill('20');
  await add.getByRole('button', { name: 'Add check' }).click();
  await expect(checks).toContainText('HTTP GET :8080/health ×20');

  // Drain through HAProxy on lb1: a socket that is not a path holds Save back until it is fixed.
  const drain = panel.getByRole('group', { name: 'Drain' });
  await drain.getByRole('radio', { name: 'HAProxy' }).check();
  await drain.getByLabel('Load balancer').selectOption('lb1');
  await drain.getByLabel('Admin socket').fill('admin.sock');
  await expect(drain.getByText('The admin socket is an absolute path')).toBeVisible();
  await drain.getByLabel('Backend').fill('web_back');
  const save = page.getByRole('button', { name: 'Save graph' });
  await expect(save).toBeDisabled();
  await drain.getByLabel('Admin socket').fill('/run/haproxy/admin.sock');
  await expect(drain.getByText('The admin socket is an absolute path')).toBeHidden();
  // The switchover is for database clusters only.
  await expect(panel.getByRole('group', { name: 'Switchover' })).toBeHidden();
  await save.click();
  await expect(page.getByRole('status').filter({ hasText: 'Version 1' })).toBeVisible();

  await page.reload();
  await page.locator('html[data-app-ready="true"]').waitFor();
  await expect(page.getByRole('status').filter({ hasText: 'Version 1' })).toBeVisible();
  await page.getByRole('form', { name: 'Add a service' }).getByLabel('Edit').selectOption({ label: 'Web' });
  const reloaded = page.getByRole('region', { name: 'Web', exact: true });
  await expect(reloaded.getByRole('list', { name: 'Health checks of Web' }).getByRole('listitem')).toHaveText([
    /systemd unit demo-http\.service/,
    /HTTP GET :8080\/health ×20/,
  ]);
  const drained = reloaded.getByRole('group', { name: 'Drain' });
  await expect(drained.getByRole('radio', { name: 'HAProxy' })).toBeChecked();
  await expect(drained.getByLabel('Load balancer')).toHaveValue('lb1');
  await expect(drained.getByLabel('Admin socket')).toHaveValue('/run/haproxy/admin.sock');
  await expect(drained.getByLabel('Backend')).toHaveValue('web_back');
});
