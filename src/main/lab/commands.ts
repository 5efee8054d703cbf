import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/result';
import { resourcesDir } from '../platform/resources';
import { ensureBaseImage } from './base-image';
import { removeCgroups } from './cgroups';
import { daemonStatus, stopDaemon } from './control-client';
import type { DaemonStatus } from './daemon';
import { injectFault, type Fault } from './faults';
import { prepareHost } from './host-root';
import { labLayout, type LabLayout } from './layout';
import { createBridge, createHostNetwork, labNamespaces, removeBridge, removeHostNetwork } from './network';
import { labUnavailableReason } from './preflight';
import { findProfile, labHosts, profileNames, type LabHost } from './profile';
import { registerLabHosts } from './register';
import { initialPackagesFrom, buildMirror } from './mirror';
import { run } from './run';
import { readState, removeState, writeState } from './state';

export type Log = (line: string) => void;

const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function assertLabPossible(): void {
  const reason = labUnavailableReason();
  if (reason) throw new AppError('forbidden', `Cannot run the lab here: ${reason}`);
}

/**
 * The lab folder holds what root will boot and the lab key, so nobody else may have made or be
 * able to write it (it defaults to a folder under the world-writable /var/tmp).
 */
function assertPrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stats = lstatSync(dir);
  if (!stats.isDirectory() || stats.uid !== 0 || (stats.mode & 0o022) !== 0) {
    throw new AppError('forbidden', `${dir} must be a directory owned by root and writable only by root`);
  }
}

async function ensureKey(layout: LabLayout): Promise<string> {
  if (!existsSync(layout.keyFile)) {
    mkdirSync(join(layout.keyFile, '..'), { recursive: true, mode: 0o700 });
    await run(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', 'patchwise-lab', '-f', layout.keyFile]);
  }
  return readFileSync(`${layout.keyFile}.pub`, 'utf8').trim();
}

async function waitForHosts(layout: LabLayout, count: number, timeoutMs: number, log: Log): Promise<DaemonStatus> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const status = await daemonStatus(layout);
    const running = status?.hosts.filter((host) => host.phase === 'running').length ?? 0;
    const line = `${String(running)}/${String(count)} hosts answer on SSH`;
    if (line !== last) log(line);
    last = line;
    if (status && running === count) return status;
    if (Date.now() > deadline)
      throw new AppError(
        'internal',
        `Lab hosts did not all come up within ${String(timeoutMs / 1000)} s (${line}); see ${layout.daemonLog}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * `lab up`: base image (cached), package mirror, keys, network, one overlay root per host, then
 * the detached daemon that boots them; waits until every host answers on SSH and registers the
 * hosts in the fleet of `dataDir`.
 */
export async function labUp(options: {
  profile: string;
  dataDir: string;
  layout?: LabLayout;
  log: Log;
}): Promise<DaemonStatus> {
  const started = Date.now();
  const layout = options.layout ?? labLayout();
  const { log } = options;
  assertLabPossible();
  const profile = findProfile(options.profile);
  if (!profile)
    throw new AppError('invalid_input', `No lab profile "${options.profile}"; profiles: ${profileNames().join(', ')}`);
  const running = await daemonStatus(layout);
  if (running) {
    if (running.profile !== profile.name)
      throw new AppError('conflict', `A lab with profile "${running.profile}" is up; run lab down first`);
    log(`the ${profile.name} lab is already up; reusing it`);
    const state = readState(layout);
    if (state) register(options.dataDir, state.hosts, state.hostKeys, layout, log);
    return running;
  }
  if (readState(layout) || (await labNamespaces()).length > 0) {
    log('cleaning up what a previous lab left behind');
    await labDown({ layout, log: () => undefined });
  }
  assertPrivateDir(layout.dir);
  const hosts = labHosts(profile);

  // The mirror builds while debootstrap waits on the network.
  const settled = await Promise.allSettled([
    ensureBaseImage(layout, log).then((image) => {
      log(`base image ${image.built ? 'built' : 'cached'} (${seconds(started)})`);
      return image;
    }),
    buildMirror(layout).then((repositories) => {
      log(`package mirror ready (${seconds(started)})`);
      return repositories;
    }),
    ensureKey(layout),
  ] as const);
  // Every branch settles before a failure is reported, so no debootstrap is left writing.
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  const [base, mirror, labPublicKey] = settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as [
    Awaited<ReturnType<typeof ensureBaseImage>>,
    Awaited<ReturnType<typeof buildMirror>>,
    string,
  ];

  await createBridge();
  const hostKeys: Record<string, string> = {};
  const packages = initialPackagesFrom(mirror);
  for (const host of hosts) {
    await createHostNetwork(host);
    hostKeys[host.name] = (await prepareHost(layout, base.dir, host, hosts, labPublicKey, packages(host))).hostKey;
  }
  log(`${String(hosts.length)} hosts prepared (${seconds(started)})`);

  const bootScript = join(resourcesDir(), 'lab', 'boot-host.sh');
  writeState(layout, {
    profile: profile.name,
    hosts,
    baseDir: base.dir,
    bootScript,
    hostKeys,
    createdAt: new Date().toISOString(),
  });
  const logFd = openSync(layout.daemonLog, 'a');
  const daemon = spawn(process.execPath, [process.argv[1] ?? '', '--lab-dir', layout.dir, 'lab', 'daemon'], {
    detached: true,
    stdio: ['ignore', logFd, logFd],
  });
  daemon.unref();
  const status = await waitForHosts(layout, hosts.length, 240_000, log);
  register(options.dataDir, hosts, hostKeys, layout, log);
  log(`lab up in ${seconds(started)}`);
  return status;
}

function register(
  dataDir: string,
  hosts: readonly LabHost[],
  hostKeys: Record<string, string>,
  layout: LabLayout,
  log: Log,
): void {
  const count = registerLabHosts(dataDir, hosts, hostKeys, layout.keyFile);
  log(`registered ${String(count)} hosts with pinned host keys in ${dataDir}`);
}

/** `lab down`: stops every host, removes namespaces, links, cgroups and host layers. */
export async function labDown(options: {
  layout?: LabLayout;
  log: Log;
}): Promise<{ namespaces: number; hosts: number }> {
  const layout = options.layout ?? labLayout();
  const { log } = options;
  assertLabPossible();
  const state = readState(layout);
  if (await daemonStatus(layout)) {
    try {
      await stopDaemon(layout);
      log('stopped the lab daemon and every host');
    } catch (error) {
      log(`the lab daemon did not stop cleanly (${(error as Error).message}); killing what is left`);
    }
  }
  const namespaces = await labNamespaces();
  for (const name of namespaces) {
    // Anything still running in a lab namespace (a daemon that died, say) goes too.
    const { stdout } = await run(['ip', 'netns', 'pids', name]);
    for (const pid of stdout.split('\n').filter(Boolean)) await run(['kill', '-9', pid]).catch(() => undefined);
    await removeHostNetwork(name);
  }
  await removeBridge();
  const hosts = state?.hosts ?? [];
  const cgroups = removeCgroups(hosts);
  if (existsSync(layout.hostsDir)) {
    for (const name of readdirSync(layout.hostsDir))
      await run(['umount', '-l', join(layout.hostsDir, name, 'root')]).catch(() => undefined);
    rmSync(layout.hostsDir, { recursive: true, force: true });
  }
  removeState(layout);
  rmSync(layout.controlSocket, { force: true });
  const left = await labNamespaces();
  if (left.length > 0) throw new AppError('internal', `lab down left namespaces behind: ${left.join(', ')}`);
  log(
    `removed ${String(namespaces.length)} namespaces, ${String(cgroups)} cgroups and ${String(hosts.length)} host layers; no lab namespace, mount or process is left`,
  );
  return { namespaces: namespaces.length, hosts: hosts.length };
}

export async function labStatus(options: { layout?: LabLayout }): Promise<DaemonStatus | undefined> {
  return daemonStatus(options.layout ?? labLayout());
}

export async function labFault(options: { layout?: LabLayout; host: string; fault: Fault }): Promise<string> {
  const layout = options.layout ?? labLayout();
  const status = await daemonStatus(layout);
  const state = readState(layout);
  if (!status || !state) throw new AppError('not_found', 'No lab is up; run patchwise lab up');
  const host = state.hosts.find((candidate) => candidate.name === options.host);
  if (!host)
    throw new AppError(
      'not_found',
      `No lab host "${options.host}"; hosts: ${state.hosts.map((h) => h.name).join(', ')}`,
    );
  return injectFault(layout, status, host, options.fault);
}
