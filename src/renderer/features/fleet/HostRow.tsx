import type { Host } from '../../../shared/domain/host';

interface HostRowProps {
  host: Host;
  onEdit: (host: Host) => void;
  onRemove: (host: Host) => void;
}

export function HostRow({ host, onEdit, onRemove }: HostRowProps) {
  return (
    <tr>
      <th scope="row">{host.name}</th>
      <td className="mono">{host.address}</td>
      <td className="num">{host.port}</td>
      <td>{host.osFamily}</td>
      <td>
        {host.loginUser} <span className="muted">({host.authMethod})</span>
      </td>
      <td>{host.ring}</td>
      <td>{host.environment}</td>
      <td>{host.criticality}</td>
      <td>{host.exposure}</td>
      <td>
        {host.tags.map((tag) => (
          <span key={tag} className="tag">
            {tag}
          </span>
        ))}
      </td>
      <td className="row-actions">
        <button
          type="button"
          aria-label={`Edit ${host.name}`}
          onClick={() => {
            onEdit(host);
          }}
        >
          Edit
        </button>
        <button
          type="button"
          aria-label={`Remove ${host.name}`}
          onClick={() => {
            onRemove(host);
          }}
        >
          Remove
        </button>
      </td>
    </tr>
  );
}
