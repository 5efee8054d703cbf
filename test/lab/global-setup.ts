import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { daemonStatus } from '../../src/main/lab/control-client';
import { labLayout } from '../../src/main/lab/layout';
import { labNamespaces } from '../../src/main/lab/network';
import { labUnavailableReason } from '../../src/main/lab/preflight';
import type { LabContext } from './context';

const cli = (args: string[]): void => {
  const result = spawnSync(process.execPath, ['bin/patchwise.mjs', ...args], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`patchwise ${args.join(' ')} exited with ${String(result.status)}`);
};

/** Processes whose root directory is inside the lab's host layers, i.e. lab host processes. */
function labProcesses(hostsDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/root`).startsWith(hostsDir)) pids.push(Number(entry));
    } catch {
      // Gone already, or not ours to read.
    }
  }
  return pids;
}

/**
 * Brings the shop lab up once for the whole run with the built CLI (or reuses one that is up),
 * and at the end takes it down again, checking that no namespace, mount or process is left.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const reason = labUnavailableReason();
  const layout = labLayout();
  const dataDir = mkdtempSync(join(tmpdir(), 'patchwise-lab-data-'));
  const context: LabContext = { skip: reason, labDir: layout.dir, dataDir, keyFile: layout.keyFile, status: null };
  if (reason) {
    if (process.env['CI']) throw new Error(`The lab must run in CI, but: ${reason}`);
    project.provide('lab', context);
    return undefined;
  }
  if (!existsSync('out/main/cli.js')) throw new Error('Build first (npm run build): the lab runs the built CLI');
  const reused = (await daemonStatus(layout)) !== undefined;
  cli(['--lab-dir', layout.dir, '--data-dir', dataDir, 'lab', 'up', '--profile', 'shop']);
  context.status = (await daemonStatus(layout)) ?? null;
  project.provide('lab', context);

  return async () => {
    rmSync(dataDir, { recursive: true, force: true });
    if (reused) return;
    cli(['--lab-dir', layout.dir, 'lab', 'down']);
    const namespaces = await labNamespaces();
    const mounts = readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .filter((line) => line.includes(layout.hostsDir));
    const processes = labProcesses(layout.hostsDir);
    if (namespaces.length + mounts.length + processes.length > 0) {
      throw new Error(
        `lab down left behind: namespaces ${namespaces.join(',')}; mounts ${String(mounts.length)}; processes ${processes.join(',')}`,
      );
    }
  };
}
