import { onPath } from './repo/tools';

const TOOLS = [
  'ip',
  'tc',
  'nsenter',
  'unshare',
  'mount',
  'chroot',
  'debootstrap',
  'ssh-keygen',
  'dpkg-deb',
  'apt-ftparchive',
  'rpmbuild',
  'createrepo_c',
  'modifyrepo_c',
  'gcc',
];

/** Why this machine cannot run the lab, or null when it can. Tests skip with this reason. */
export function labUnavailableReason(): string | null {
  if (process.platform !== 'linux') return `the lab needs Linux namespaces; this is ${process.platform}`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0)
    return 'the lab needs root (network namespaces, mounts, chroot)';
  const missing = TOOLS.filter((tool) => !onPath(tool));
  if (missing.length > 0) {
    return `missing tools: ${missing.join(', ')} (apt-get install debootstrap iproute2 apt-utils rpm createrepo-c gcc openssh-client)`;
  }
  return null;
}
