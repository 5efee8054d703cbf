import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { hostDirs, type LabLayout } from './layout';
import { LAB_ADMIN, LAB_GATEWAY, type LabHost } from './profile';
import { accessFiles, osFiles, PG_HBA_LINES, roleFiles, roleServices, sudoPasswordFor, type HostFile } from './roles';
import { run } from './run';

/** Package files a fresh host starts with: the vulnerable versions, so there is work to do. */
export interface InitialPackages {
  debian: string[];
  rocky: string[];
  /** Empty rpms that make a Rocky-like host's rpmdb look like a Rocky 9 server. */
  rockyBase: string[];
}

export interface PreparedHost {
  /** The host's SSH public host key line (`ssh-ed25519 AAAA…`), pinned when it is registered. */
  hostKey: string;
}

/**
 * Paths that live on the real disk rather than the overlay (see boot-host.sh): the demo library,
 * so that a service still mapping its old, deleted copy is found by every restart check.
 */
export const NATIVE_PATHS = ['usr/lib/libdemo'];

/** Debian tooling a Rocky-like host must not have, so nothing mistakes it for Debian. */
const DEBIAN_ONLY = [
  'usr/bin/apt',
  'usr/bin/apt-get',
  'usr/bin/apt-cache',
  'usr/bin/apt-mark',
  'usr/bin/dpkg',
  'usr/bin/dpkg-query',
  'usr/sbin/needrestart',
  'etc/debian_version',
];

function writeHostFile(root: string, file: HostFile): void {
  const target = join(root, file.path);
  mkdirSync(dirname(target), { recursive: true });
  rmSync(target, { force: true });
  if (file.link !== undefined) {
    symlinkSync(file.link, target);
    return;
  }
  writeFileSync(target, file.content, { mode: file.mode ?? 0o644 });
  if (file.mode !== undefined) chmodSync(target, file.mode);
}

const etcHosts = (hosts: readonly LabHost[]): string =>
  [
    '127.0.0.1 localhost',
    '::1 localhost ip6-localhost ip6-loopback',
    `${LAB_GATEWAY} mirror.lab`,
    ...hosts.map((host) => `${host.address} ${host.name}.lab ${host.name}`),
    '',
  ].join('\n');

/**
 * Builds a host's own layer over the base image: identity (hostname, machine-id, SSH host key),
 * admin access, the OS flavour (Debian or Rocky-like), its role's services, and the demo packages
 * at their old versions. The overlay is mounted here only while the layer is written.
 */
export async function prepareHost(
  layout: LabLayout,
  baseDir: string,
  host: LabHost,
  hosts: readonly LabHost[],
  labPublicKey: string,
  packages: InitialPackages,
): Promise<PreparedHost> {
  const dirs = hostDirs(layout, host.name);
  rmSync(dirname(dirs.upper), { recursive: true, force: true });
  for (const dir of [dirs.upper, dirs.work, dirs.root, dirs.native]) mkdirSync(dir, { recursive: true });
  await run([
    'mount',
    '-t',
    'overlay',
    'overlay',
    '-o',
    `lowerdir=${baseDir},upperdir=${dirs.upper},workdir=${dirs.work}`,
    dirs.root,
  ]);
  try {
    const prepared = await customise(dirs.root, host, hosts, labPublicKey, packages);
    moveToNative(dirs.root, dirs.native);
    return prepared;
  } finally {
    await run(['umount', dirs.root]);
  }
}

/** Moves each native path's contents out of the overlay into the host's native folder. */
function moveToNative(root: string, native: string): void {
  const moved: string[] = [];
  for (const path of NATIVE_PATHS) {
    const inside = join(root, path);
    if (!existsSync(inside)) continue;
    const target = join(native, path);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(inside, target, { recursive: true, preserveTimestamps: true });
    rmSync(inside, { recursive: true, force: true });
    mkdirSync(inside, { mode: 0o755 });
    moved.push(path);
  }
  writeFileSync(join(native, 'paths'), moved.map((path) => `${path}\n`).join(''));
}

async function customise(
  root: string,
  host: LabHost,
  hosts: readonly LabHost[],
  labPublicKey: string,
  packages: InitialPackages,
): Promise<PreparedHost> {
  const chroot = (...args: string[]) => run(['chroot', root, ...args]);
  writeHostFile(root, { path: 'etc/hostname', content: `${host.name}\n` });
  writeHostFile(root, { path: 'etc/hosts', content: etcHosts(hosts) });
  writeHostFile(root, { path: 'etc/machine-id', content: `${randomBytes(16).toString('hex')}\n`, mode: 0o444 });
  await run([
    'ssh-keygen',
    '-q',
    '-t',
    'ed25519',
    '-N',
    '',
    '-C',
    `root@${host.name}`,
    '-f',
    join(root, 'etc/ssh/ssh_host_ed25519_key'),
  ]);

  if (host.login !== 'root') await chroot('useradd', '--create-home', '--shell', '/bin/bash', LAB_ADMIN);
  for (const file of [...accessFiles(host, labPublicKey), ...osFiles(host), ...roleFiles(host, hosts)])
    writeHostFile(root, file);
  if (host.login !== 'root') {
    const home = join(root, 'home', LAB_ADMIN);
    const { stdout } = await chroot('id', '-u', LAB_ADMIN);
    const uid = Number(stdout.trim());
    for (const path of [join(home, '.ssh'), join(home, '.ssh/authorized_keys')]) chownSync(path, uid, uid);
    chmodSync(join(home, '.ssh'), 0o700);
  }
  const password = sudoPasswordFor(host);
  if (password) await run(['chroot', root, 'chpasswd'], { input: `${LAB_ADMIN}:${password}\n` });

  if (host.role.startsWith('db-')) appendFileSync(join(root, 'etc/postgresql/15/main/pg_hba.conf'), PG_HBA_LINES);
  const services = roleServices(host);
  if (services.length > 0) await chroot('systemctl', 'enable', ...services);

  await installInitialPackages(root, host, packages);
  if (host.os === 'rocky') for (const path of DEBIAN_ONLY) rmSync(join(root, path), { force: true });
  return { hostKey: readFileSync(join(root, 'etc/ssh/ssh_host_ed25519_key.pub'), 'utf8').trim() };
}

async function installInitialPackages(root: string, host: LabHost, packages: InitialPackages): Promise<void> {
  const files = host.os === 'debian' ? packages.debian : [...packages.rockyBase, ...packages.rocky];
  if (files.length === 0) return;
  const staging = join(root, 'tmp/patchwise-lab-packages');
  mkdirSync(staging, { recursive: true });
  for (const file of files) copyFileSync(file, join(staging, basename(file)));
  const inRoot = files.map((file) => `/tmp/patchwise-lab-packages/${basename(file)}`);
  try {
    if (host.os === 'debian') {
      await run(['chroot', root, 'dpkg', '-i', ...inRoot]);
    } else {
      // The system rpms describe what the Debian userland really provides; they carry no files.
      await run(['chroot', root, 'rpm', '-i', '--nodeps', ...inRoot]);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
