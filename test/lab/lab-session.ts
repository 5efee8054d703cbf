import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { daemonStatus } from '../../src/main/lab/control-client';
import { labLayout, type LabLayout } from '../../src/main/lab/layout';
import { labUnavailableReason } from '../../src/main/lab/preflight';
import type { LabHost } from '../../src/main/lab/profile';
import { readState } from '../../src/main/lab/state';

/**
 * The lab for a test runner without vitest's global setup (Playwright): brought up with the built
 * CLI when it is not up, reused when it is, and taken down at the end only by whoever brought it up.
 */
export interface LabSession {
  layout: LabLayout;
  hosts: readonly LabHost[];
  /** Each host's public key line as `lab up` made it (`ssh-ed25519 AAAA… root@web1`). */
  hostKeys: Readonly<Record<string, string>>;
  release: () => Promise<void>;
}

export type LabAcquired = { skip: string; session: null } | { skip: null; session: LabSession };

function cli(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/patchwise.mjs', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`patchwise ${args.join(' ')} exited with ${String(code)}:\n${output}`));
    });
  });
}

export async function acquireLab(): Promise<LabAcquired> {
  const reason = labUnavailableReason();
  if (reason) {
    if (process.env['CI']) throw new Error(`The lab must run in CI, but: ${reason}`);
    return { skip: `the lab cannot run here: ${reason}`, session: null };
  }
  if (!existsSync('out/main/cli.js')) throw new Error('Build first (npm run build): the lab runs the built CLI');
  const layout = labLayout();
  const reused = (await daemonStatus(layout)) !== undefined;
  // `lab up` reuses a running lab at once; it also registers the hosts in a fleet, which is thrown away.
  const dataDir = mkdtempSync(join(tmpdir(), 'patchwise-e2e-lab-data-'));
  try {
    await cli(['--lab-dir', layout.dir, '--data-dir', dataDir, 'lab', 'up', '--profile', 'shop']);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const state = readState(layout);
  if (!state) throw new Error(`lab up finished but ${layout.stateFile} is missing`);
  return {
    skip: null,
    session: {
      layout,
      hosts: state.hosts,
      hostKeys: state.hostKeys,
      release: async () => {
        if (!reused) await cli(['--lab-dir', layout.dir, 'lab', 'down']);
      },
    },
  };
}
