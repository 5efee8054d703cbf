import { inject } from 'vitest';
import { createApp } from '../../src/main/app';
import { createPassphraseCipher } from '../../src/main/secrets/passphrase-cipher';
import { insideHost } from '../../src/main/lab/boot';
import { daemonStatus } from '../../src/main/lab/control-client';
import type { HostStatus } from '../../src/main/lab/daemon';
import { labLayout } from '../../src/main/lab/layout';
import { run } from '../../src/main/lab/run';
import './context';

export const lab = inject('lab');

/** The host's current status (its PID 1 changes with every reboot). */
export async function hostStatus(name: string): Promise<HostStatus> {
  const status = await daemonStatus(labLayout(lab.labDir));
  const host = status?.hosts.find((candidate) => candidate.name === name);
  if (!host) throw new Error(`no lab host ${name}`);
  return host;
}

/** Runs a shell command as root inside a host, the way an admin at its console would. */
export async function onHost(name: string, script: string): Promise<string> {
  const host = await hostStatus(name);
  if (host.pid1 === null) throw new Error(`${name} is not running`);
  return (await run(insideHost(host.pid1, ['sh', '-c', script]))).stdout;
}

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
