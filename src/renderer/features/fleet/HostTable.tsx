import type { Host } from '../../../shared/domain/host';
import { HostRow } from './HostRow';

interface HostTableProps {
  hosts: readonly Host[];
  busy: boolean;
  onEdit: (host: Host) => void;
  onRemove: (host: Host) => void;
}

const COLUMNS = ['Name', 'Address', 'Port', 'OS', 'Login', 'Ring', 'Environment', 'Criticality', 'Exposure', 'Tags'];

export function HostTable({ hosts, busy, onEdit, onRemove }: HostTableProps) {
  return (
    <div className="table-wrap">
      <table aria-label="Hosts" aria-busy={busy}>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th key={column} scope="col" className={column === 'Port' ? 'num' : undefined}>
                {column}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {hosts.map((host) => (
            <HostRow key={host.id} host={host} onEdit={onEdit} onRemove={onRemove} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
