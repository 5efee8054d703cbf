import { insideHost } from '../../src/main/lab/boot';
import { daemonStatus } from '../../src/main/lab/control-client';
import type { HostStatus } from '../../src/main/lab/daemon';
import type { LabLayout } from '../../src/main/lab/layout';
import { run } from '../../src/main/lab/run';
import { installedScript, parseInstalled, restoreScript } from '../../src/main/rollout/executors/package-manager';

/**
 * The lab from its console, for both test runners (vitest's lab tests and Playwright's): a host's
 * status, a root shell inside it, and the demo packages put back as `lab up` installed them.
 */

/** The host's current status (its PID 1 changes with every reboot). */
export async function labHostStatus(layout: LabLayout, name: string): Promise<HostStatus> {
  const status = await daemonStatus(layout);
  const host = status?.hosts.find((candidate) => candidate.name === name);
  if (!host) throw new Error(`no lab host ${name}`);
  return host;
}

/** Runs a shell command as root inside a host, the way an admin at its console would. */
export async function onLabHost(layout: LabLayout, name: string, script: string): Promise<string> {
  const host = await labHostStatus(layout, name);
  if (host.pid1 === null) throw new Error(`${name} is not running`);
  return (await run(insideHost(host.pid1, ['sh', '-c', script]))).stdout;
}

/** The versions the lab installs. */
const INITIAL = {
  debian: { 'demo-http': '2.0-1', libdemo1: '1.0-1', 'demo-kernel': '1.0-1', 'demo-agent': '1.0-1' },
  rhel: { 'demo-http': '2.0-1.el9', libdemo: '1.0-1.el9', 'demo-kernel': '1.0-1.el9', 'demo-agent': '1.0-1.el9' },
} as const;

/** Puts a host's demo packages back to the versions the lab installed, for the tests after this one; installs none. */
export async function restoreInitialVersions(layout: LabLayout, host: string): Promise<void> {
  const shell = (script: string) => onLabHost(layout, host, script);
  const family = (await shell('test -x /usr/bin/dpkg && echo debian || echo rhel')).trim() as 'debian' | 'rhel';
  const wanted: Record<string, string> = INITIAL[family];
  const now = parseInstalled(await shell(installedScript(family, Object.keys(wanted))));
  // Only what the host has: the lab installs demo-http on the web, API and search hosts alone.
  const differ = Object.fromEntries(
    Object.entries(wanted).filter(([name, version]) => now[name] !== undefined && now[name] !== version),
  );
  if (Object.keys(differ).length > 0) await shell(restoreScript(family, differ));
}

/** The demo-http version a host has installed (dpkg's or rpm's way of writing it). */
export const demoHttpOn = (layout: LabLayout, host: string): Promise<string> =>
  onLabHost(
    layout,
    host,
    "dpkg-query -W -f='${Version}' demo-http 2>/dev/null || rpm -q --qf '%{VERSION}-%{RELEASE}' demo-http",
  );
