import type { HostDryRun } from '../../../shared/domain/rollout';

/** What each host's package manager says the rollout would change there, asked just now. */
export function DryRunResults({ results }: { results: readonly HostDryRun[] }) {
  const failed = results.filter((result) => result.error !== null).length;
  return (
    <section aria-labelledby="dry-run-heading">
      <h3 id="dry-run-heading">Dry run</h3>
      <p role="status">
        {results.length} {results.length === 1 ? 'host' : 'hosts'} asked
        {failed > 0 ? `; ${String(failed)} could not answer` : ''}. Nothing was changed.
      </p>
      <table className="compact" aria-label="Dry run by host">
        <thead>
          <tr>
            <th scope="col">Host</th>
            <th scope="col">Would change</th>
          </tr>
        </thead>
        <tbody>
          {results.map((result) => (
            <tr key={result.host}>
              <th scope="row">{result.host}</th>
              <td className="details">
                {result.error !== null ? (
                  <span className="state state-failed">{result.error}</span>
                ) : result.changes.length === 0 ? (
                  'nothing'
                ) : (
                  <ul className="inline-list">
                    {result.changes.map((change) => (
                      <li key={change.name}>
                        {change.name} {change.from ?? '(new)'} → {change.to}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
