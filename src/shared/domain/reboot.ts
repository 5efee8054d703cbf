/**
 * Packages whose update needs a reboot to take effect: what `dnf needs-restarting -r` lists
 * (dnf-plugins-core's NEED_REBOOT: kernel, glibc, linux-firmware, systemd, dbus, microcode),
 * their Debian names, and any package named as a kernel (kernel-core, kernel-rt, the lab's
 * demo-kernel, which its packaging registers with needs-restarting the same way).
 */
const REBOOT_PACKAGES = new Set([
  'glibc',
  'linux-firmware',
  'systemd',
  'dbus',
  'dbus-broker',
  'dbus-daemon',
  'microcode_ctl',
  'libc6',
  'intel-microcode',
  'amd64-microcode',
  'firmware-linux',
  'firmware-linux-nonfree',
]);
/** Kernel builds only: kernel-tools and kernel-headers update without one. */
const KERNEL = /^kernel(-rt)?(-core|-modules(-core|-extra)?)?$|-kernel$|^linux-(image|modules)-/;

export function needsReboot(pkg: string): boolean {
  return REBOOT_PACKAGES.has(pkg) || KERNEL.test(pkg);
}

/** Whether applying a fix that updates these packages needs the host rebooted. */
export const fixNeedsReboot = (packages: readonly string[]): boolean => packages.some(needsReboot);
