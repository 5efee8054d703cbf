import { rmSync } from 'node:fs';
import { expect, openApp, startPatchwise, test } from './fixtures';
import { seeded } from './seed';

test('the Rollouts area shows the plan for the queue: rings, a canary first, the slots and the hosts', async ({
  page,
}) => {
  const dataDir = await seeded();
  const { served, process: child } = await startPatchwise(dataDir);
  try {
    await openApp(page, served, '#/rollouts');
    await expect(page.getByRole('heading', { name: 'Rollouts', level: 1 })).toBeVisible();
    await expect(page.getByText(/No rollout has run yet/)).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: '2 hosts in 1 ring' })).toBeVisible();
    const batches = page.getByRole('table', { name: 'Batches of ring non-critical' }).locator('tbody tr');
    await expect(batches).toHaveCount(2);
    // No service graph yet: nothing holds the two apart but the canary, the first host by name.
    await expect(batches.nth(0)).toContainText('api1');
    await expect(batches.nth(0)).toContainText('canary');
    await expect(batches.nth(1)).toContainText('web1');
    await expect(batches.nth(1)).not.toContainText('canary');

    // Scheduled for a later night: the plan's slots move to it (in this computer's time).
    await page
      .getByRole('form', { name: 'Start rollout' })
      .getByLabel(/Not before/)
      .fill('2030-01-15T22:00');
    await expect(batches.nth(0)).toContainText('15 Jan 22:00');
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('build a plan, approve, watch it run: the canary fails its pre-check and the rollout halts', async ({ page }) => {
  const dataDir = await seeded();
  const { served, process: child } = await startPatchwise(dataDir);
  try {
    // The seeded hosts are in ring non-critical; the default policy gates only the critical ring.
    const policy = await served.call('policy.get');
    expect(policy.ok).toBe(true);
    const gated = await served.call('policy.set', {
      ...(policy.value as Record<string, unknown>),
      approvalRings: ['non-critical'],
    });
    expect(gated.ok).toBe(true);

    await openApp(page, served, '#/rollouts');
    await expect(page.getByText(/No rollout has run yet/)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Ring non-critical waits for approval' })).toBeVisible();

    const form = page.getByRole('form', { name: 'Start rollout' });
    await form.getByLabel('Versions').selectOption({ label: 'fixed versions' });
    await form.getByLabel(/Failure threshold/).fill('0');
    // A dry run first: the seeded hosts are no real machines, and each says why it cannot answer.
    await form.getByRole('button', { name: 'Dry run' }).click();
    await expect(form.getByRole('status')).toHaveText('2 hosts asked; 2 could not answer. Nothing was changed.');
    const dryRows = form.getByRole('table', { name: 'Dry run by host' }).getByRole('row');
    for (const name of ['api1', 'web1'])
      await expect(dryRows.filter({ hasText: name }).locator('.state-failed')).toContainText(name);
    await form.getByRole('button', { name: 'Start' }).click();

    const status = page.getByRole('status').filter({ hasText: /waiting for approval|running|halted/ });
    await expect(status).toHaveText('waiting for approval: Ring non-critical waits for approval');
    await expect(form.getByRole('button', { name: 'Start' })).toBeDisabled();
    const hosts = page.getByRole('table', { name: 'Hosts of rollout 1' });
    await expect(hosts).toContainText('Ring non-critical, batch 1 (canary), waits for approval');
    await expect(page.getByRole('button', { name: 'Pause' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Roll back' })).toBeDisabled();

    await page.getByRole('button', { name: 'Approve ring non-critical' }).click();

    // The seeded hosts are no real machines: the canary's pre-check cannot log in, and a canary allows no failure.
    await expect(status).toContainText('halted');
    await expect(status).toContainText('more than the canary allows');
    const row = (name: string) => hosts.locator('tr', { has: page.getByRole('button', { name: `Steps of ${name}` }) });
    await expect(row('api1')).toContainText('failed');
    await expect(row('api1').locator('td').last()).toContainText(/precheck failed: .*api1/);
    await expect(row('web1')).toContainText('skipped');
    await expect(hosts).toContainText('Ring non-critical, batch 1 (canary), approved');
    // Over: nothing left to command, and the next rollout may start.
    await expect(page.getByRole('button', { name: 'Pause' })).toHaveCount(0);
    await expect(form.getByRole('button', { name: 'Start' })).toBeEnabled();

    await page.getByRole('button', { name: 'Steps of api1' }).click();
    const steps = page.getByRole('list', { name: 'Steps of api1' }).getByRole('listitem');
    await expect(steps).toHaveCount(1);
    await expect(steps.first()).toContainText('precheck · attempt 1 · failed');
    await expect(steps.first().locator('pre')).toContainText('api1');
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
});
