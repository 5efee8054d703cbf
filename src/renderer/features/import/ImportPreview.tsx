import type { ImportResult, ImportRow } from '../../../shared/domain/import';
import { plural } from '../../ui/format';
import { endpointText } from '../fleet/endpoint';
import { ACTION_LABELS } from './import-labels';

/** Past this many rows the preview lists the problems first and stops; the counts cover all. */
const LIST_LIMIT = 500;

export function importCounts(result: ImportResult): Record<ImportRow['action'], number> {
  const counts = { add: 0, pin: 0, exists: 0, invalid: 0 };
  for (const row of result.rows) counts[row.action]++;
  return counts;
}

function rowsToList(rows: readonly ImportRow[]): ImportRow[] {
  if (rows.length <= LIST_LIMIT) return [...rows];
  const invalid = rows.filter((row) => row.action === 'invalid');
  return [...invalid, ...rows.filter((row) => row.action !== 'invalid')].slice(0, LIST_LIMIT);
}

export function ImportPreview({ result }: { result: ImportResult }) {
  const counts = importCounts(result);
  const listed = rowsToList(result.rows);
  const summary = [
    counts.add > 0 ? `${plural(counts.add, 'host')} ${result.applied ? 'added' : 'to add'}` : null,
    counts.pin > 0 ? `${plural(counts.pin, 'host key')} ${result.applied ? 'pinned' : 'to pin'}` : null,
    counts.exists > 0 ? `${String(counts.exists)} already in the fleet` : null,
    counts.invalid > 0 ? `${String(counts.invalid)} invalid` : null,
    result.errors.length > 0 ? plural(result.errors.length, 'unreadable line') : null,
  ].filter((part) => part !== null);
  return (
    <section aria-label="Import preview" className="import-preview">
      <p role="status">
        {result.applied ? 'Imported: ' : 'Preview: '}
        {summary.length > 0 ? summary.join(', ') : 'the file names no hosts'}.
      </p>
      {result.errors.length > 0 && (
        <div className="notice notice-error parse-errors">
          <h3>Lines that could not be read</h3>
          <ul aria-label="Lines that could not be read">
            {result.errors.map((error, index) => (
              <li key={`${String(error.line)}-${String(index)}`}>
                Line {error.line}: {error.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {listed.length > 0 && (
        <div className="table-wrap preview-wrap">
          <table className="compact" aria-label="Import rows">
            <thead>
              <tr>
                <th scope="col" className="num">
                  Line
                </th>
                <th scope="col">Host</th>
                <th scope="col">Action</th>
                <th scope="col">Address</th>
                <th scope="col">Login</th>
                <th scope="col">Key fingerprint</th>
                <th scope="col">Problems</th>
              </tr>
            </thead>
            <tbody>
              {listed.map((row) => (
                <tr key={`${String(row.line)}-${row.name}`} className={`import-${row.action}`}>
                  <td className="num">{row.line}</td>
                  <th scope="row">{row.name}</th>
                  <td>
                    <span className={`state import-action-${row.action}`}>{ACTION_LABELS[row.action]}</span>
                  </td>
                  <td className="mono">{row.host ? endpointText(row.host) : ''}</td>
                  <td>{row.host ? `${row.host.loginUser} (${row.host.authMethod})` : ''}</td>
                  <td className="mono">{row.fingerprint ?? ''}</td>
                  <td className="details">
                    {row.problems.length > 0 && (
                      <ul className="problems">
                        {row.problems.map((problem) => (
                          <li key={problem}>{problem}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.rows.length > listed.length && (
        <p className="muted">
          Listing {listed.length} of {result.rows.length} rows, problems first.
        </p>
      )}
    </section>
  );
}
