import { expect, openApp, test } from './fixtures';

test('the scan settings are checked, saved and still there after a reload', async ({ page, server }) => {
  await openApp(page, server, '#/settings');
  const form = page.getByRole('form', { name: 'Site settings' });
  const concurrency = form.getByLabel('Hosts scanned at once');
  const timeout = form.getByLabel('Scan timeout (seconds)');
  const rescan = form.getByLabel('Rescan every (hours)');
  await expect(concurrency).toHaveValue('16');

  await concurrency.fill('0');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(form.getByRole('alert').filter({ hasText: 'Scan concurrency must be at least 1' })).toBeVisible();
  await expect(concurrency).toHaveAttribute('aria-invalid', 'true');
  await expect(concurrency).toBeFocused();

  await concurrency.fill('8');
  await timeout.fill('120');
  await rescan.fill('0');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(form.getByRole('status')).toHaveText('Settings saved.');
  const saved = await server.call('settings.get');
  expect(saved.value).toMatchObject({ scanConcurrency: 8, scanTimeoutSeconds: 120, rescanIntervalHours: 0 });

  // The SLA policy the queue's due dates come from.
  const act = form.getByLabel('Act within (hours)');
  await expect(act).toHaveValue('48');
  await act.fill('24');
  await form.getByLabel("KEV entries by CISA's due date").uncheck();
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(form.getByRole('status')).toHaveText('Settings saved.');
  expect((await server.call('settings.get')).value).toMatchObject({ slaActHours: 24, slaKevByDueDate: false });

  await page.reload();
  await page.locator('html[data-app-ready="true"]').waitFor();
  await expect(concurrency).toHaveValue('8');
  await expect(timeout).toHaveValue('120');
  await expect(rescan).toHaveValue('0');
  await expect(act).toHaveValue('24');
  await expect(form.getByLabel("KEV entries by CISA's due date")).not.toBeChecked();
});
