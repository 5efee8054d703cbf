import { memo } from 'react';
import type { Host } from '../../../shared/domain/host';
import { hrefForHost } from '../../app/routes';
import { formatAgo, formatWhen } from '../../ui/format';
import { Unknown } from '../../ui/Unknown';
import { errorLabel } from '../scan/scan-labels';
import { endpointText } from './endpoint';
import type { FleetRow } from './fleet-rows';
import { ROW_STATUS_LABELS } from './fleet-labels';
import { OS_FAMILY_LABELS } from './host-labels';

interface FleetTableRowProps {
  row: FleetRow;
  /** 0-based position among the filtered rows; the header is row 1 for assistive technology. */
  index: number;
  /** Offset from the top of the table body, in pixels. */
  start: number;
  selected: boolean;
  onToggle: (id: number, selected: boolean) => void;
  onEdit: (host: Host) => void;
  onRemove: (host: Host) => void;
}

function count(value: number | null | undefined) {
  return value === null || value === undefined ? <Unknown what="not scanned" /> : value;
}

function Status({ row }: { row: FleetRow }) {
  const error = row.status === 'failed' ? row.summary?.lastError : null;
  return (
    <span className={`state state-${row.status}`} title={error?.message}>
      {ROW_STATUS_LABELS[row.status]}
      {error && ` · ${errorLabel(error.code)}`}
    </span>
  );
}

function Reboot({ required }: { required: boolean | null | undefined }) {
  if (required === null || required === undefined) return <Unknown />;
  return required ? <span className="state state-warning">Needed</span> : <span className="muted">No</span>;
}

export const FleetTableRow = memo(function FleetTableRow({
  row,
  index,
  start,
  selected,
  onToggle,
  onEdit,
  onRemove,
}: FleetTableRowProps) {
  const { host, summary } = row;
  return (
    // Explicit roles: the table is laid out as a CSS grid to position virtual rows, and some
    // browsers drop table semantics from elements whose display is no longer a table's.
    <tr role="row" aria-rowindex={index + 2} style={{ transform: `translateY(${String(start)}px)` }}>
      <td role="cell" data-col="select">
        <input
          type="checkbox"
          aria-label={`Select ${host.name}`}
          checked={selected}
          onChange={(event) => {
            onToggle(host.id, event.target.checked);
          }}
        />
      </td>
      <th role="rowheader" scope="row" data-col="name">
        <a href={hrefForHost(host.id)}>{host.name}</a>
      </th>
      <td role="cell" className="mono">
        {endpointText(host)}
      </td>
      <td role="cell" title={summary?.osName ?? undefined}>
        {summary?.osName ?? <span className="muted">{OS_FAMILY_LABELS[host.osFamily]}</span>}
      </td>
      <td role="cell">
        {summary?.lastScanAt ? (
          <time dateTime={summary.lastScanAt} title={formatWhen(summary.lastScanAt)}>
            {formatAgo(summary.lastScanAt)}
          </time>
        ) : (
          <span className="muted">never</span>
        )}
      </td>
      <td role="cell" className="num">
        {count(summary?.upgrades)}
      </td>
      <td role="cell" className="num">
        {count(summary?.securityUpdates)}
      </td>
      <td role="cell">
        <Reboot required={summary?.rebootRequired} />
      </td>
      <td role="cell">
        <Status row={row} />
      </td>
      <td role="cell" className="row-actions" data-col="actions">
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
});
