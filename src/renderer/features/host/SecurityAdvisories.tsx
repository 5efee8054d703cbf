import type { SecurityUpdate } from '../../../shared/domain/inventory';
import { Section } from '../../ui/Section';

/** Advisories the host's package manager reports as applying, with the CVEs each one fixes. */
export function SecurityAdvisories({ updates }: { updates: readonly SecurityUpdate[] }) {
  return (
    <Section title="Security advisories" count={updates.length}>
      {updates.length === 0 ? (
        <p className="muted">None reported by the host’s package manager.</p>
      ) : (
        <table className="compact" aria-label="Security advisories">
          <thead>
            <tr>
              <th scope="col">Advisory</th>
              <th scope="col">Severity</th>
              <th scope="col">Package</th>
              <th scope="col">CVEs</th>
            </tr>
          </thead>
          <tbody>
            {updates.map((update) => (
              <tr key={`${update.advisory}-${update.package}`}>
                <th scope="row" className="mono">
                  {update.advisory}
                </th>
                <td>{update.severity ?? <span className="muted">not rated</span>}</td>
                <td>{update.package}</td>
                <td className="mono">{update.cves.length > 0 ? update.cves.join(', ') : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
