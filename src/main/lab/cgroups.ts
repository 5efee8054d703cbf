import { readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cgroupLeaf } from './boot';
import type { LabHost } from './profile';

/** Removes the per-host cgroups every controller got (deepest first). */
export function removeCgroups(hosts: readonly LabHost[]): number {
  let removed = 0;
  const leaves = new Set(hosts.map(cgroupLeaf));
  const walk = (dir: string, depth: number): void => {
    if (depth > 6) return;
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry);
      if (!statSync(path).isDirectory()) continue;
      if (entry.startsWith('patchwise-lab-') && (leaves.size === 0 || leaves.has(entry))) {
        removed += removeTree(path);
      } else if (!entry.includes('.')) {
        walk(path, depth + 1);
      }
    }
  };
  for (const controller of readdirSync('/sys/fs/cgroup')) walk(join('/sys/fs/cgroup', controller), 0);
  return removed;
}

function removeTree(dir: string): number {
  let count = 0;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) count += removeTree(path);
  }
  try {
    rmdirSync(dir);
    count += 1;
  } catch {
    // A cgroup that still has processes cannot go; it is reported by what remains.
  }
  return count;
}
