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
    await expect(page.getByText(/Running rollouts is not built yet/)).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: '2 hosts in 1 ring' })).toBeVisible();
    const batches = page.getByRole('table', { name: 'Batches of ring non-critical' }).locator('tbody tr');
    await expect(batches).toHaveCount(2);
    // No service graph yet: nothing holds the two apart but the canary, the first host by name.
    await expect(batches.nth(0)).toContainText('api1');
    await expect(batches.nth(0)).toContainText('canary');
    await expect(batches.nth(1)).toContainText('web1');
    await expect(batches.nth(1)).not.toContainText('canary');
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
});
