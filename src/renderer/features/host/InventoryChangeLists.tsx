import type { InventoryChanges } from '../../../shared/domain/scan';

/** The packages one scan found changed, added and removed since the scan before. */
export function InventoryChangeLists({ changes }: { changes: InventoryChanges }) {
  return (
    <div className="changes">
      {changes.changed.length > 0 && (
        <div>
          <h3>Changed</h3>
          <ul aria-label="Changed packages">
            {changes.changed.map((change) => (
              <li key={change.name}>
                <span className="mono">{change.name}</span> {change.from} → {change.to}
              </li>
            ))}
          </ul>
        </div>
      )}
      {changes.added.length > 0 && (
        <div>
          <h3>Added</h3>
          <ul aria-label="Added packages">
            {changes.added.map((pkg) => (
              <li key={pkg.name}>
                <span className="mono">{pkg.name}</span> {pkg.version}
              </li>
            ))}
          </ul>
        </div>
      )}
      {changes.removed.length > 0 && (
        <div>
          <h3>Removed</h3>
          <ul aria-label="Removed packages">
            {changes.removed.map((pkg) => (
              <li key={pkg.name}>
                <span className="mono">{pkg.name}</span> {pkg.version}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
