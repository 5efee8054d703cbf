import { expect, openApp, test } from './fixtures';

test('the server refuses a request without the token (401) or from a foreign Origin (403)', async ({ server }) => {
  expect((await fetch(`${server.origin}/`)).status).toBe(401);
  expect((await fetch(`${server.origin}/?token=wrong`)).status).toBe(401);
  expect((await fetch(server.url, { headers: { origin: 'http://evil.example' } })).status).toBe(403);
  const api = await fetch(`${server.origin}/api/fleet.list`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${server.token}`,
      'content-type': 'application/json',
      origin: 'http://evil.example',
    },
    body: '{}',
  });
  expect(api.status).toBe(403);
});

test('with the token the app loads in Chromium and shows every area', async ({ page, server }) => {
  await openApp(page, server);
  await expect(page.getByRole('heading', { level: 1, name: 'Fleet' })).toBeVisible();
  const nav = page.getByRole('navigation');
  for (const area of [
    'Fleet',
    'Vulnerabilities',
    'Patch queue',
    'Service graph',
    'Rollouts',
    'Canary',
    'Reports',
    'Audit log',
    'Settings',
  ]) {
    await expect(nav.getByRole('link', { name: area })).toBeVisible();
  }
  await nav.getByRole('link', { name: 'Rollouts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rollouts' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Start rollout' })).toBeVisible();
  // The token does not linger in the address bar.
  expect(page.url()).not.toContain('token=');
});

test('the theme can be switched and is remembered', async ({ page, server }) => {
  await openApp(page, server);
  const html = page.locator('html');
  const before = await html.getAttribute('data-theme');
  await page.getByRole('button', { name: /theme/i }).click();
  const after = await html.getAttribute('data-theme');
  expect(after).not.toBe(before);
  await page.reload();
  await page.locator('html[data-app-ready="true"]').waitFor();
  await expect(html).toHaveAttribute('data-theme', after ?? '');
});
