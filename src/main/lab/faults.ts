import type { DaemonStatus } from './daemon';
import { insideHost } from './boot';
import type { LabLayout } from './layout';
import type { LabHost } from './profile';
import { hostAction } from './control-client';
import { setLink, setSlow } from './network';
import { run } from './run';

export const FAULTS = ['link-down', 'link-up', 'slow', 'fast', 'no-return', 'hang', 'disk-full', 'restore'] as const;
export type Fault = (typeof FAULTS)[number];

export const isFault = (text: string): text is Fault => (FAULTS as readonly string[]).includes(text);

/**
 * Package tools that hang under the `hang` fault (apt and apt-get; dnf and rpm, which the RHEL
 * collector runs): a collector's or rollout's timeout is what ends them.
 */
const HANGING = '#!/bin/sh\n# Patchwise lab fault: this command hangs.\nexec sleep 2147483647\n';
const hangingPaths = (host: LabHost): string[] =>
  host.os === 'debian'
    ? ['apt-get', 'apt'].flatMap((tool) => [`/usr/local/bin/${tool}`, `/usr/local/sbin/${tool}`])
    : ['dnf', 'rpm'].flatMap((tool) => [`/usr/local/bin/${tool}`, `/usr/local/sbin/${tool}`]);
const cacheDir = (host: LabHost): string => (host.os === 'debian' ? '/var/cache/apt/archives' : '/var/cache/dnf');

/**
 * Injects a fault for real: the host's link goes down, gets slow, its next reboot never returns,
 * its package manager hangs, or the filesystem it downloads packages to fills up.
 */
export async function injectFault(
  layout: LabLayout,
  status: DaemonStatus,
  host: LabHost,
  fault: Fault,
): Promise<string> {
  const pid1 = status.hosts.find((candidate) => candidate.name === host.name)?.pid1 ?? null;
  const inside = async (command: string[], input?: string): Promise<void> => {
    if (pid1 === null) throw new Error(`${host.name} is not running`);
    await run(insideHost(pid1, command), input === undefined ? {} : { input });
  };
  switch (fault) {
    case 'link-down':
      await setLink(host, false);
      return `${host.name}: link down`;
    case 'link-up':
      await setLink(host, true);
      return `${host.name}: link up`;
    case 'slow':
      await setSlow(host, true);
      return `${host.name}: link limited to 256 kbit/s`;
    case 'fast':
      await setSlow(host, false);
      return `${host.name}: link at full speed`;
    case 'no-return':
      await hostAction(layout, host.name, 'no-return');
      return `${host.name}: its next reboot will not come back (lab fault ${host.name} restore brings it back)`;
    case 'hang':
      for (const path of hangingPaths(host)) {
        await inside(['tee', path], HANGING);
        await inside(['chmod', '755', path]);
      }
      return `${host.name}: ${host.os === 'debian' ? 'apt and apt-get' : 'dnf and rpm'} now hang`;
    case 'disk-full':
      await inside(['mount', '-t', 'tmpfs', '-o', 'size=2m', 'patchwise-lab-full', cacheDir(host)]);
      // dd stops with "no space left", which is the point.
      await inside([
        'dd',
        'if=/dev/zero',
        `of=${cacheDir(host)}/patchwise-lab-fill`,
        'bs=64k',
        'count=64',
        'status=none',
      ]).catch(() => undefined);
      return `${host.name}: ${cacheDir(host)} is full`;
    case 'restore':
      await setLink(host, true);
      await setSlow(host, false);
      await hostAction(layout, host.name, 'return');
      await hostAction(layout, host.name, 'boot');
      if (pid1 !== null) {
        await inside(['rm', '-f', ...hangingPaths(host)]);
        await inside(['umount', cacheDir(host)]).catch(() => undefined);
      }
      return `${host.name}: faults cleared`;
  }
}
