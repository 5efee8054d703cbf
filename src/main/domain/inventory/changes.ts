import type { HostInventory } from '../../../shared/domain/inventory';
import type { InventoryChanges } from '../../../shared/domain/scan';

const key = (pkg: { name: string; arch: string }): string => `${pkg.name}:${pkg.arch}`;

/** What changed on a host between two successful scans, package by package. */
export function inventoryChanges(before: HostInventory, after: HostInventory): InventoryChanges {
  const old = new Map(before.packages.map((pkg) => [key(pkg), pkg]));
  const now = new Map(after.packages.map((pkg) => [key(pkg), pkg]));
  const added = after.packages.filter((pkg) => !old.has(key(pkg))).map(({ name, version }) => ({ name, version }));
  const removed = before.packages.filter((pkg) => !now.has(key(pkg))).map(({ name, version }) => ({ name, version }));
  const changed = after.packages.flatMap((pkg) => {
    const previous = old.get(key(pkg));
    return previous && previous.version !== pkg.version
      ? [{ name: pkg.name, from: previous.version, to: pkg.version }]
      : [];
  });
  return {
    added,
    removed,
    changed,
    upgradesBefore: before.upgrades.length,
    upgradesAfter: after.upgrades.length,
    rebootBefore: before.rebootRequired,
    rebootAfter: after.rebootRequired,
  };
}

/**
 * A scheduled rescan is due when the interval has passed since the last run began. A fleet
 * never scanned waits for its admin's first scan: hosts just imported may not be trusted yet.
 */
export function isRescanDue(lastStartedAt: string | null, intervalHours: number, now: Date): boolean {
  if (intervalHours <= 0 || lastStartedAt === null) return false;
  return now.getTime() - new Date(lastStartedAt).getTime() >= intervalHours * 3_600_000;
}
