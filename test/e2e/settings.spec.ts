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

test('the rollout policy refuses an unknown time zone, saves a weekend window, and keeps it after a reload', async ({
  page,
  server,
}) => {
  await openApp(page, server, '#/settings');
  const form = page.getByRole('form', { name: 'Rollout policy' });
  await expect(form.getByLabel('Hosts at once, at most')).toHaveValue('10');
  await expect(form.getByLabel('The critical ring waits for approval')).toBeChecked();

  await form.getByLabel('Time zone of the windows').fill('Mars/Olympus');
  await form.getByRole('button', { name: 'Save rollout policy' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    'Mars/Olympus is not a time zone this machine knows (e.g. Europe/Berlin)',
  );

  await form.getByLabel('Time zone of the windows').fill('Europe/Berlin');
  await form.getByRole('button', { name: 'Add window' }).click();
  const window = form.getByRole('group', { name: 'Window 1' });
  await window.getByLabel('Sun').uncheck();
  await window.getByLabel('from').fill('02:00');
  await window.getByLabel('to').fill('06:00');
  await form.getByLabel('Hosts at once, at most').fill('4');
  await form.getByRole('button', { name: 'Save rollout policy' }).click();
  await expect(form.getByRole('status')).toHaveText('Rollout policy saved');

  await page.reload();
  const again = page.getByRole('form', { name: 'Rollout policy' });
  await expect(again.getByLabel('Hosts at once, at most')).toHaveValue('4');
  await expect(again.getByLabel('Time zone of the windows')).toHaveValue('Europe/Berlin');
  const saved = again.getByRole('group', { name: 'Window 1' });
  await expect(saved.getByLabel('Sat')).toBeChecked();
  await expect(saved.getByLabel('Sun')).not.toBeChecked();
  await expect(saved.getByLabel('from')).toHaveValue('02:00');
});
