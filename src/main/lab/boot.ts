import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hostDirs, type LabLayout } from './layout';
import type { LabHost } from './profile';

export const cgroupLeaf = (host: LabHost): string => `patchwise-lab-${host.name}`;

/** Seconds since this machine booted; a host's clocks are shifted back by this much. */
function machineUptime(): number {
  return Math.floor(Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]));
}

/**
 * Boots a host: systemd as PID 1 in new PID, mount, UTS, IPC and time namespaces, inside the
 * host's network namespace. The time namespace starts the host's uptime at zero, so a reboot
 * looks like one to `uptime` and to collectors. Returns the `unshare` process, whose exit means
 * the host's PID 1 exited (a reboot, a poweroff or a kill).
 */
export function bootHost(layout: LabLayout, host: LabHost, baseDir: string, bootScript: string): ChildProcess {
  const dirs = hostDirs(layout, host.name);
  const offset = String(-machineUptime());
  return spawn(
    'nsenter',
    [
      `--net=/run/netns/${host.netns}`,
      'unshare',
      '--pid',
      '--fork',
      '--mount',
      '--uts',
      '--ipc',
      '--time',
      '--boottime',
      offset,
      '--monotonic',
      offset,
      'sh',
      bootScript,
      host.name,
      baseDir,
      dirs.upper,
      dirs.work,
      dirs.root,
      cgroupLeaf(host),
      dirs.native,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
}

/** The outer PID of the host's PID 1: the only child of its `unshare` process. */
export function pid1Of(unsharePid: number): number | undefined {
  try {
    const children = readFileSync(`/proc/${String(unsharePid)}/task/${String(unsharePid)}/children`, 'utf8').trim();
    const first = Number(children.split(' ')[0]);
    return Number.isInteger(first) && first > 0 ? first : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Arguments that run a command inside a running host, as root, in all its namespaces (the time and
 * cgroup namespaces too, so `uptime` and /proc/<pid>/cgroup read as they do inside).
 */
export const insideHost = (pid1: number, command: readonly string[]): string[] => [
  'nsenter',
  '-t',
  String(pid1),
  '-m',
  '-u',
  '-i',
  '-n',
  '-p',
  '-C',
  '-T',
  '-r',
  '-w',
  ...command,
];
