import type { AuditEntry } from '../../../shared/domain/audit';
import { summarizeDetails } from './audit-details';

interface AuditTableProps {
  entries: readonly AuditEntry[];
  busy: boolean;
}

const when = (at: string): string => new Date(at).toLocaleString();

function targetText(entry: AuditEntry): string {
  return entry.hosts.length > 0 ? `${entry.target} · ${entry.hosts.join(', ')}` : entry.target;
}

export function AuditTable({ entries, busy }: AuditTableProps) {
  return (
    <div className="table-wrap">
      <table aria-label="Audit log" aria-busy={busy}>
        <thead>
          <tr>
            <th scope="col" className="num">
              #
            </th>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Target/Hosts</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.seq}>
              <td className="num">{entry.seq}</td>
              <td className="nowrap">
                <time dateTime={entry.at} title={entry.at}>
                  {when(entry.at)}
                </time>
              </td>
              <td>{entry.actor}</td>
              <td className="mono">{entry.action}</td>
              <td>{targetText(entry)}</td>
              {/* The full record is one hover away for when the summary is not enough. */}
              <td className="details" title={JSON.stringify(entry.details, null, 2)}>
                {summarizeDetails(entry.details)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
