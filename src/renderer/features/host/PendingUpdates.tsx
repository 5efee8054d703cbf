import type { AvailableUpgrade } from '../../../shared/domain/inventory';
import { Section } from '../../ui/Section';

/** Upgrades the host's own mirrors offer, with the installed and the offered version. */
export function PendingUpdates({ upgrades }: { upgrades: readonly AvailableUpgrade[] }) {
  return (
    <Section title="Pending updates" count={upgrades.length}>
      {upgrades.length === 0 ? (
        <p className="muted">Up to date: the host’s repositories offer no newer packages.</p>
      ) : (
        <table className="compact" aria-label="Pending updates">
          <thead>
            <tr>
              <th scope="col">Package</th>
              <th scope="col">Installed → available</th>
              <th scope="col">Advisories</th>
            </tr>
          </thead>
          <tbody>
            {upgrades.map((upgrade) => (
              <tr key={`${upgrade.name}-${upgrade.to}`}>
                <th scope="row">{upgrade.name}</th>
                <td className="mono">
                  {upgrade.from ?? <span className="muted">not installed</span>} → {upgrade.to}
                </td>
                <td className="mono">{upgrade.advisories.length > 0 ? upgrade.advisories.join(', ') : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
