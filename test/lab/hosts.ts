import { inject } from 'vitest';
import { createApp } from '../../src/main/app';
import { createPassphraseCipher } from '../../src/main/secrets/passphrase-cipher';
import type { HostStatus } from '../../src/main/lab/daemon';
import { labLayout } from '../../src/main/lab/layout';
import { run } from '../../src/main/lab/run';
import './context';
import { labHostStatus, onLabHost } from './lab-shell';

export const lab = inject('lab');

/** The host's current status (its PID 1 changes with every reboot). */
export const hostStatus = (name: string): Promise<HostStatus> => labHostStatus(labLayout(lab.labDir), name);

/** Runs a shell command as root inside a host, the way an admin at its console would. */
export const onHost = (name: string, script: string): Promise<string> => onLabHost(labLayout(lab.labDir), name, script);

/** Polls until `check` holds (no fixed sleeps); fails with `what` after the timeout. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export const labCli = (args: string[]) =>
  run([process.execPath, 'bin/patchwise.mjs', '--lab-dir', lab.labDir, 'lab', ...args]);

/** The app on the data folder the lab registered its hosts in; close it when done. */
export function openLabApp(passphrase?: string) {
  return createApp({
    dataDir: lab.dataDir,
    transport: 'headless',
    events: () => undefined,
    cipher: createPassphraseCipher(passphrase),
  });
}
