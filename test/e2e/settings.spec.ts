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

test('maintenance windows come from an iCalendar file: weekly events added, the others listed with why', async ({
  page,
  server,
}) => {
  await openApp(page, server, '#/settings');
  const form = page.getByRole('form', { name: 'Rollout policy' });
  await form.getByLabel('Time zone of the windows').fill('Europe/Berlin');

  // Not a calendar: refused, and the form keeps no window.
  await form.getByLabel('Import windows from an iCalendar file (.ics)').setInputFiles({
    name: 'notes.ics',
    mimeType: 'text/calendar',
    buffer: Buffer.from('Patch on Tuesdays 22:00 to 02:00'),
  });
  await expect(form.getByRole('alert')).toContainText(
    'notes.ics: This is not an iCalendar file (.ics): it does not start with BEGIN:VCALENDAR',
  );
  await expect(form.getByRole('group', { name: /^Window/ })).toHaveCount(0);

  // A calendar exported from the site's change calendar (test/fixtures/ical).
  await form
    .getByLabel('Import windows from an iCalendar file (.ics)')
    .setInputFiles('test/fixtures/ical/google-calendar-export.ics');
  const imported = form.getByRole('list', { name: 'iCalendar import' });
  await expect(imported).toContainText(
    'google-calendar-export.ics: 3 windows added, 6 events skipped. Save to keep them.',
  );
  await expect(imported).toContainText(
    'Skipped Monthly patch review: monthly recurrence: Patchwise windows repeat weekly',
  );
  await expect(form.getByRole('group', { name: /^Window/ })).toHaveCount(3);
  const tuesdays = form.getByRole('group', { name: 'Window 3' });
  await expect(tuesdays.getByLabel('Tue')).toBeChecked();
  await expect(tuesdays.getByLabel('Thu')).toBeChecked();
  await expect(tuesdays.getByLabel('Mon')).not.toBeChecked();
  await expect(tuesdays.getByLabel('from')).toHaveValue('22:00');
  await expect(tuesdays.getByLabel('to')).toHaveValue('02:00');

  // The same file again adds nothing twice.
  await form
    .getByLabel('Import windows from an iCalendar file (.ics)')
    .setInputFiles('test/fixtures/ical/google-calendar-export.ics');
  await expect(form.getByRole('group', { name: /^Window/ })).toHaveCount(3);

  await form.getByRole('button', { name: 'Save rollout policy' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'Rollout policy saved' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('form', { name: 'Rollout policy' }).getByRole('group', { name: /^Window/ })).toHaveCount(
    3,
  );
});

test('an approval rule is added, checked, saved and still there after a reload', async ({ page, server }) => {
  await openApp(page, server, '#/settings');
  const form = page.getByRole('form', { name: 'Rollout policy' });
  await form.getByRole('button', { name: 'Add approval rule' }).click();
  const rule = form.getByRole('group', { name: 'Approval rule 1' });
  await rule.getByLabel('Lowest severity').selectOption({ label: 'critical or above' });
  await rule.getByLabel('Days after release').fill('400');
  await form.getByRole('button', { name: 'Save rollout policy' }).click();
  await expect(form.getByRole('alert')).toHaveText('approvalRules.0.afterDays: Days after release: at most 365');

  await rule.getByLabel('Days after release').fill('5');
  await rule.getByLabel('Approves ring critical').check();
  await form.getByRole('button', { name: 'Save rollout policy' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'Rollout policy saved' })).toBeVisible();

  await page.reload();
  const saved = page.getByRole('form', { name: 'Rollout policy' }).getByRole('group', { name: 'Approval rule 1' });
  await expect(saved.getByLabel('Which updates')).toHaveValue('security');
  await expect(saved.getByLabel('Lowest severity')).toHaveValue('critical');
  await expect(saved.getByLabel('Days after release')).toHaveValue('5');
  await expect(saved.getByLabel('Approves ring important')).toBeChecked();
  await expect(saved.getByLabel('Approves ring critical')).toBeChecked();
  await expect(saved.getByLabel('Approves ring test')).not.toBeChecked();
});
