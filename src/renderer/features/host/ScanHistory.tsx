import type { HostScanRecord } from '../../../shared/domain/scan';
import { formatWhen } from '../../ui/format';
import { Section } from '../../ui/Section';
import { errorLabel } from '../scan/scan-labels';
import { changeSummary, hasPackageChanges } from './change-text';
import { InventoryChangeLists } from './InventoryChangeLists';

function Outcome({ record, first }: { record: HostScanRecord; first: boolean }) {
  if (record.status !== 'ok') {
    return (
      <>
        {record.status === 'failed' ? 'Failed' : 'Cancelled'}
        {record.error && `: ${errorLabel(record.error.code)} — ${record.error.message}`}
      </>
    );
  }
  if (!record.changes) return <>{first ? 'First inventory' : 'OK'}</>;
  if (!hasPackageChanges(record.changes)) return <>{changeSummary(record.changes)}</>;
  return (
    <details>
      <summary>{changeSummary(record.changes)}</summary>
      <InventoryChangeLists changes={record.changes} />
    </details>
  );
}

/** Every scan of this host, newest first, with what changed since the scan before it. */
export function ScanHistory({ history }: { history: readonly HostScanRecord[] }) {
  // Newest first, so the host's first successful scan is the last ok record.
  const firstOk = history.filter((record) => record.status === 'ok').at(-1);
  return (
    <Section title="Scan history" count={history.length}>
      {history.length === 0 ? (
        <p className="muted">Never scanned.</p>
      ) : (
        <table className="compact" aria-label="Scan history">
          <thead>
            <tr>
              <th scope="col">Finished</th>
              <th scope="col">Run</th>
              <th scope="col">Outcome and changes</th>
            </tr>
          </thead>
          <tbody>
            {history.map((record) => (
              <tr key={record.id} className={record.status === 'ok' ? undefined : 'row-failed'}>
                <td className="nowrap">
                  <time dateTime={record.finishedAt}>{formatWhen(record.finishedAt)}</time>
                </td>
                <td className="num">{record.runId}</td>
                <td>
                  <Outcome record={record} first={record === firstOk} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
