import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Locator, Page } from '@playwright/test';
import type { LabHost } from '../../src/main/lab/profile';
import type { LabSession } from '../lab/lab-session';
import { expect } from './fixtures';

/** What the lab's browser tests do as an admin would: read fingerprints, scan keys, import inventories. */

const execFileAsync = promisify(execFile);

/** `SHA256:…` as ssh-keygen -l prints it, from a public key line. */
export function fingerprintOf(keyLine: string): string {
  const blob = Buffer.from(keyLine.trim().split(/\s+/)[1] ?? '', 'base64');
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

export function labHost(session: LabSession, name: string): LabHost & { fingerprint: string } {
  const host = session.hosts.find((candidate) => candidate.name === name);
  const key = session.hostKeys[name];
  if (!host || !key) throw new Error(`the lab has no host ${name}`);
  return { ...host, fingerprint: fingerprintOf(key) };
}

/** known_hosts lines as an admin would collect them, straight from the hosts (retried until all answer). */
export async function keyscan(addresses: readonly string[]): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { stdout } = await execFileAsync('ssh-keyscan', ['-T', '5', '-t', 'ed25519', ...addresses]).catch(() => ({
      stdout: '',
    }));
    if (addresses.every((address) => stdout.includes(`${address} ssh-ed25519 `))) return stdout;
    if (Date.now() > deadline) throw new Error(`ssh-keyscan did not reach ${addresses.join(', ')}:\n${stdout}`);
  }
}

/** The demo-http versions a fresh lab host has installed and is offered, from the lab's own definition. */
export function demoHttpVersions(): { installed: string; available: string } {
  const manifest = JSON.parse(readFileSync('resources/lab/packages/demo-http/manifest.json', 'utf8')) as {
    initialVersion: string;
    versions: { version: string; debRevision: string }[];
  };
  const deb = (entry: { version: string; debRevision: string } | undefined): string =>
    entry ? `${entry.version}-${entry.debRevision}` : 'missing';
  return {
    installed: deb(manifest.versions.find((entry) => entry.version === manifest.initialVersion)),
    available: deb(manifest.versions.at(-1)),
  };
}

export async function importText(
  page: Page,
  format: string,
  fill: (dialog: Locator) => Promise<void>,
  preview: string,
  applied: string,
) {
  await page.getByRole('button', { name: 'Import hosts' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import hosts' });
  await dialog.getByLabel('Format').selectOption({ label: format });
  await fill(dialog);
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Preview:' })).toHaveText(preview);
  return {
    dialog,
    apply: async () => {
      await dialog.getByRole('button', { name: 'Apply' }).click();
      await expect(dialog.getByRole('status').filter({ hasText: 'Imported:' })).toHaveText(applied);
      await dialog.getByRole('button', { name: 'Done' }).click();
      await expect(dialog).toBeHidden();
    },
  };
}
