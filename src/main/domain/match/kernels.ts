/**
 * Installed kernels that are not the running one. Both families keep several kernels installed
 * side by side: Debian as one package per ABI (`linux-image-6.1.0-18-amd64`), the Red Hat family
 * as several versions of the same packages (`kernel-core` 5.14.0-362.8.1.el9_3 and -427…). A
 * flaw in a kernel that is not running cannot be reached until the host boots it, so its
 * findings are told apart from the running kernel's.
 */

/** Red Hat-family packages that are a kernel build (installonly): versioned like `uname -r`. */
const RHEL_KERNEL = /^kernel(-rt)?(-core|-modules|-modules-core|-modules-extra)?$/;
/** A Debian kernel image of one ABI; `linux-image-amd64` (no digit) is the meta package. */
const DEBIAN_KERNEL = /^linux-(image|modules)(-unsigned)?-(\d.*)$/;

const withoutEpoch = (version: string): string => version.replace(/^\d+:/, '');

/**
 * Whether a package is a kernel, and if so whether it is the running one; null for anything
 * else. `running` is `uname -r`: `6.1.0-18-amd64`, or `5.14.0-362.8.1.el9_3.x86_64`.
 */
export function kernelState(
  family: 'debian' | 'rhel',
  pkg: { name: string; version: string },
  running: string,
): 'running' | 'not-running' | null {
  if (running === '') return null;
  if (family === 'debian') {
    const abi = DEBIAN_KERNEL.exec(pkg.name)?.[3];
    if (abi === undefined) return null;
    return abi === running ? 'running' : 'not-running';
  }
  if (!RHEL_KERNEL.test(pkg.name)) return null;
  const release = withoutEpoch(pkg.version);
  // uname -r adds the architecture (and `+rt` or `+debug` for variants) to version-release.
  return running === release || running.startsWith(`${release}.`) || running.startsWith(`${release}+`)
    ? 'running'
    : 'not-running';
}
