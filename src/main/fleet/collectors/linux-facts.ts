import type { Connection, Disk, HostInventory } from './inventory';

/**
 * Host facts both Linux collectors gather the same way: listening and established TCP
 * connections with their processes (ss; process names only when root), local disks, memory,
 * the newest installed kernel and whether PID 1 still maps a libc an upgrade replaced.
 */
export const LINUX_FACTS_SCRIPT = [
  // Services still mapping a shared library an upgrade deleted, by their systemd unit: one grep
  // over every process's maps, then the cgroup of each match.
  'echo @@restart; grep -ls "\\.so[^ ]* (deleted)$" /proc/[0-9]*/maps 2>/dev/null | while read -r m; do sed -n "s/^[0-9]*:name=systemd:\\(.*\\)$/\\1/p;s/^0::\\(.*\\)$/\\1/p" "${m%/maps}/cgroup" 2>/dev/null | head -1; done | sort -u',
  "echo @@connections; ss -Htanp 2>/dev/null | grep -E '^(LISTEN|ESTAB) ' | head -n 5000",
  'echo @@disks; df -P -B1 -l -x tmpfs -x devtmpfs -x squashfs 2>/dev/null | tail -n +2',
  "echo @@memory; grep -E '^(MemTotal|MemAvailable):' /proc/meminfo",
  "echo @@kernels; ls -1 /boot 2>/dev/null | sed -n 's/^vmlinuz-//p' | grep -v rescue | sort -V | tail -n 1",
  "echo @@libc; grep -qs 'libc[.-][^ ]*(deleted)$' /proc/1/maps && echo deleted",
].join('\n');

/** `10.0.0.1:22`, `[::]:22`, `*:22`, `0.0.0.0:*` into an address and a port (null for `*`). */
function splitEndpoint(text: string): { address: string; port: number | null } {
  const at = text.lastIndexOf(':');
  const address = text
    .slice(0, at)
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%\S+$/, '');
  const port = Number(text.slice(at + 1));
  return { address, port: Number.isInteger(port) ? port : null };
}

export function parseConnections(text: string, root: boolean): Connection[] | null {
  if (!root && text.trim() === '') return null;
  const connections: Connection[] = [];
  for (const line of text.split('\n')) {
    const [state, , , local = '', peer = '', ...rest] = line.trim().split(/\s+/);
    if (state !== 'LISTEN' && state !== 'ESTAB') continue;
    const near = splitEndpoint(local);
    const far = splitEndpoint(peer);
    if (near.port === null) continue;
    const process = /users:\(\("([^"]+)"/.exec(rest.join(' '))?.[1] ?? null;
    connections.push({
      state: state === 'LISTEN' ? 'listen' : 'established',
      local: near.address,
      localPort: near.port,
      remote: state === 'LISTEN' ? null : far.address,
      remotePort: state === 'LISTEN' ? null : far.port,
      process,
    });
  }
  return connections;
}

export function parseDisks(text: string): Disk[] {
  const disks: Disk[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 6) continue;
    const [size, , free] = fields.slice(1, 4).map(Number);
    const mount = fields.slice(5).join(' ');
    if (size === undefined || free === undefined || !Number.isFinite(size) || !Number.isFinite(free)) continue;
    disks.push({ mount, sizeBytes: size, freeBytes: free });
  }
  return disks;
}

export function parseMemory(text: string): HostInventory['memory'] {
  const kib = (key: string): number | undefined => {
    const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
    return match?.[1] ? Number(match[1]) * 1024 : undefined;
  };
  const total = kib('MemTotal');
  const available = kib('MemAvailable');
  return total === undefined || available === undefined ? null : { totalBytes: total, availableBytes: available };
}

/** Reboot reasons the kernel and libc give, beyond what the package manager says. */
export function kernelAndLibcReasons(running: string, installed: string | null, libc: string): string[] {
  const reasons: string[] = [];
  if (installed !== null && installed !== running)
    reasons.push(`kernel ${installed} is installed but ${running} is running`);
  if (libc.trim() === 'deleted') reasons.push('the init process still uses a C library that was replaced');
  return reasons;
}

/** The systemd units of the processes the restart scan found; null when it could not look. */
export function parseRestart(text: string, root: boolean): string[] | null {
  if (!root) return null;
  const units = text
    .split('\n')
    .map((path) => path.trim().split('/').pop() ?? '')
    .filter((unit) => unit.endsWith('.service'));
  return [...new Set(units)].sort();
}

export function parseLinuxFacts(sections: ReadonlyMap<string, string>, root: boolean) {
  const kernel = (sections.get('kernel') ?? '').trim();
  const installed = (sections.get('kernels') ?? '').trim() || null;
  return {
    kernel,
    kernelInstalled: installed,
    servicesToRestart: parseRestart(sections.get('restart') ?? '', root),
    connections: parseConnections(sections.get('connections') ?? '', root),
    disks: parseDisks(sections.get('disks') ?? ''),
    memory: parseMemory(sections.get('memory') ?? ''),
    extraRebootReasons: kernelAndLibcReasons(kernel, installed, sections.get('libc') ?? ''),
  };
}
