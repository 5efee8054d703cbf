import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { LabLayout } from './layout';
import { run } from './run';

/**
 * Kept to what the lab needs, because every package costs seconds of a cold `lab up`: no curl
 * (python3 does HTTP), no needrestart (collectors read /proc/<pid>/maps themselves).
 *
 * One Debian bookworm root filesystem shared (read-only, as the lower layer of an overlay) by
 * every lab host: systemd, sshd and sudo for all; HAProxy and PostgreSQL for the hosts whose role
 * needs them; rpm and dnf for the Rocky-like hosts; python3 for the demo service.
 */
export const BASE_PACKAGES = [
  'systemd',
  'systemd-sysv',
  'dbus',
  'openssh-server',
  'sudo',
  'iproute2',
  'procps',
  // For HAProxy's runtime API socket (drain, undrain) from a shell.
  'socat',
  'python3',
  // Ansible's package_facts needs it on Debian hosts; the scan bench compares with Ansible.
  'python3-apt',
  'haproxy',
  'postgresql',
  'rpm',
  'dnf',
  'dnf-plugins-core',
];

export const DEBIAN_MIRROR = process.env['PATCHWISE_LAB_DEBIAN_MIRROR'] ?? 'http://deb.debian.org/debian';

/** Bump when what ensureBaseImage does after debootstrap changes, so cached images are rebuilt. */
const BASE_IMAGE_REVISION = 2;

export function baseImageDir(layout: LabLayout): string {
  const recipe = ['bookworm', `revision-${String(BASE_IMAGE_REVISION)}`, ...BASE_PACKAGES].join(' ');
  const hash = createHash('sha256').update(recipe).digest('hex').slice(0, 12);
  return join(layout.cacheDir, `base-bookworm-${hash}`);
}

/** Builds the base image once (about 4 minutes); later calls find it ready. */
export async function ensureBaseImage(
  layout: LabLayout,
  log: (line: string) => void,
): Promise<{ dir: string; built: boolean }> {
  const dir = baseImageDir(layout);
  const done = `${dir}.ready`;
  if (existsSync(done)) return { dir, built: false };
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(layout.cacheDir, { recursive: true });
  log(`building the base image with debootstrap (once; a few minutes) into ${dir}`);
  await run([
    'debootstrap',
    '--variant=minbase',
    `--include=${BASE_PACKAGES.join(',')}`,
    'bookworm',
    partial,
    DEBIAN_MIRROR,
  ]);
  const chroot = (...args: string[]) => run(['chroot', partial, ...args]);
  // Services start per role; a fresh host runs only what every server runs.
  await chroot('systemctl', 'disable', 'haproxy.service', 'postgresql.service');
  // There is no console or tty in a lab host; the gettys would only fail and mark it degraded.
  await chroot('systemctl', 'mask', 'console-getty.service', 'getty@tty1.service');
  // Kernel settings are the machine's, not a lab host's to change.
  await chroot('systemctl', 'mask', 'systemd-sysctl.service');
  await chroot('apt-get', 'clean');
  // Every host gets host keys of its own; none may be shared through the base.
  for (const file of readdirSync(join(partial, 'etc/ssh'))) {
    if (file.startsWith('ssh_host_')) rmSync(join(partial, 'etc/ssh', file));
  }
  await run(['mv', partial, dir]);
  await run(['touch', done]);
  return { dir, built: true };
}
