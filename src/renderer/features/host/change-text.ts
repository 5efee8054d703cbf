import type { InventoryChanges } from '../../../shared/domain/scan';

/** One line for a scan's changes: "2 upgraded, 1 added · upgrades 4 → 2 · reboot now needed". */
export function changeSummary(changes: InventoryChanges): string {
  const parts = [
    changes.changed.length > 0 ? `${String(changes.changed.length)} changed` : null,
    changes.added.length > 0 ? `${String(changes.added.length)} added` : null,
    changes.removed.length > 0 ? `${String(changes.removed.length)} removed` : null,
  ].filter((part) => part !== null);
  const packages = parts.length > 0 ? `Packages: ${parts.join(', ')}` : 'No package changes';
  const upgrades =
    changes.upgradesBefore === changes.upgradesAfter
      ? null
      : `pending upgrades ${String(changes.upgradesBefore)} → ${String(changes.upgradesAfter)}`;
  const reboot =
    changes.rebootBefore === changes.rebootAfter
      ? null
      : changes.rebootAfter
        ? 'reboot now needed'
        : 'reboot no longer needed';
  return [packages, upgrades, reboot].filter((part) => part !== null).join(' · ');
}

export const hasPackageChanges = (changes: InventoryChanges): boolean =>
  changes.added.length + changes.removed.length + changes.changed.length > 0;
