import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, test as base, type BrowserContext, type Page } from '@playwright/test';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps dialling out, which this offline
// machine refuses; `headless: true` adds --headless itself.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Served {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** Calls a command over HTTP, as a script would. */
  call(name: string, input?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;
}

/**
 * Starts `patchwise serve` on a fresh data folder and waits for the line with its URL. With a
 * passphrase the server can store secrets (headless mode derives their key from it).
 */
export async function startPatchwise(
  dataDir: string,
  passphrase?: string,
): Promise<{ served: Served; process: ChildProcess }> {
  const env = { ...process.env };
  if (passphrase === undefined) delete env['PATCHWISE_PASSPHRASE'];
  else env['PATCHWISE_PASSPHRASE'] = passphrase;
  const child = spawn(process.execPath, ['bin/patchwise.mjs', 'serve', '--data-dir', dataDir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /(http:\/\/\S+)/.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => {
      reject(new Error(`patchwise serve exited with ${String(code)}: ${stderr}`));
    });
  });
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token') ?? '';
  const served: Served = {
    url,
    origin: parsed.origin,
    token,
    dataDir,
    call: async (name, input = {}) => {
      const response = await fetch(`${parsed.origin}/api/${name}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      return (await response.json()) as Awaited<ReturnType<Served['call']>>;
    },
  };
  return { served, process: child };
}

const fresh = (prefix: string): string => mkdtempSync(join(tmpdir(), prefix));

export const test = base.extend<{
  /** The admin passphrase the server gets; none by default, so secrets are unavailable. */
  passphrase: string | undefined;
  server: Served;
  context: BrowserContext;
  page: Page;
}>({
  passphrase: [undefined, { option: true }],
  server: async ({ passphrase }, use) => {
    const dataDir = fresh('patchwise-e2e-data-');
    const { served, process: child } = await startPatchwise(dataDir, passphrase);
    await use(served);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  },
  context: async ({}, use) => {
    const profile = fresh('patchwise-e2e-profile-');
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    await use(context);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  },
  page: async ({ context }, use) => {
    await use(context.pages()[0] ?? (await context.newPage()));
  },
});

/** Opens the app and waits until it says it is ready (no sleeps). */
export async function openApp(page: Page, server: Served, hash = '#/fleet'): Promise<void> {
  const url = new URL(server.url);
  url.hash = hash;
  await page.goto(url.toString());
  await page.locator('html[data-app-ready="true"]').waitFor();
}

export { expect } from '@playwright/test';
