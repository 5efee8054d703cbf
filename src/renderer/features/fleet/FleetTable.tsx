import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { Host } from '../../../shared/domain/host';
import { useVirtualRows } from '../../ui/use-virtual-rows';
import type { FleetRow, Sort, SortKey } from './fleet-rows';
import { FleetTableRow } from './FleetTableRow';
import { SortHeader } from './SortHeader';

/** Rows are one line each, so every row has this height and none needs measuring. */
export const ROW_HEIGHT = 31;

interface FleetTableProps {
  /** Filtered and sorted. */
  rows: readonly FleetRow[];
  sort: Sort;
  selected: ReadonlySet<number>;
  busy: boolean;
  onSort: (key: SortKey) => void;
  onToggle: (id: number, selected: boolean) => void;
  onToggleAll: (selected: boolean) => void;
  onEdit: (host: Host) => void;
  onRemove: (host: Host) => void;
}

/**
 * The fleet, one row per host. Only the rows in view (and a few either side) are in the DOM, so
 * thousands of hosts scroll smoothly; `aria-rowcount` and `aria-rowindex` tell assistive
 * technology where the rendered rows sit in the whole table.
 */
export function FleetTable({
  rows,
  sort,
  selected,
  busy,
  onSort,
  onToggle,
  onToggleAll,
  onEdit,
  onRemove,
}: FleetTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const allRef = useRef<HTMLInputElement>(null);
  const pendingFocus = useRef<{ index: number; col: string } | null>(null);
  const virtual = useVirtualRows(rows.length, ROW_HEIGHT, scrollRef);

  const selectedShown = rows.reduce((sum, row) => sum + (selected.has(row.host.id) ? 1 : 0), 0);
  const allShown = rows.length > 0 && selectedShown === rows.length;
  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = selectedShown > 0 && !allShown;
  }, [selectedShown, allShown]);

  // Arrow keys move between rows, keeping the column; the target row may first need rendering.
  const focusPending = (): void => {
    const want = pendingFocus.current;
    const target = want
      ? scrollRef.current?.querySelector<HTMLElement>(
          `tr[aria-rowindex="${String(want.index + 2)}"] [data-col="${want.col}"] :is(a, input, button)`,
        )
      : null;
    if (target) {
      pendingFocus.current = null;
      target.focus();
    }
  };
  useEffect(focusPending);

  function onKeyDown(event: KeyboardEvent<HTMLTableSectionElement>): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const from = event.target instanceof HTMLElement ? event.target : null;
    const col = from?.closest<HTMLElement>('[data-col]')?.dataset['col'];
    const rowIndex = Number(from?.closest('tr')?.getAttribute('aria-rowindex')) - 2;
    if (col === undefined || Number.isNaN(rowIndex)) return;
    const index = rowIndex + (event.key === 'ArrowDown' ? 1 : -1);
    if (index < 0 || index >= rows.length) return;
    event.preventDefault();
    pendingFocus.current = { index, col };
    virtual.scrollToIndex(index);
    focusPending();
  }

  return (
    <div ref={scrollRef} className="table-wrap vtable-scroll">
      <table role="table" className="vtable" aria-label="Hosts" aria-rowcount={rows.length + 1} aria-busy={busy}>
        <thead role="rowgroup">
          <tr role="row" aria-rowindex={1}>
            <th role="columnheader" scope="col">
              <input
                ref={allRef}
                type="checkbox"
                aria-label="Select all shown hosts"
                checked={allShown}
                disabled={rows.length === 0}
                onChange={(event) => {
                  onToggleAll(event.target.checked);
                }}
              />
            </th>
            <SortHeader column="name" sort={sort} onSort={onSort} />
            <th role="columnheader" scope="col">
              Address
            </th>
            <SortHeader column="os" sort={sort} onSort={onSort} />
            <SortHeader column="lastScan" sort={sort} onSort={onSort} />
            <SortHeader column="upgrades" sort={sort} numeric onSort={onSort} />
            <SortHeader column="security" sort={sort} numeric onSort={onSort} />
            <SortHeader column="reboot" sort={sort} onSort={onSort} />
            <SortHeader column="status" sort={sort} onSort={onSort} />
            <th role="columnheader" scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup" style={{ height: `${String(virtual.totalHeight)}px` }} onKeyDown={onKeyDown}>
          {virtual.rows.map((item) => {
            const row = rows[item.index];
            return (
              row && (
                <FleetTableRow
                  key={row.host.id}
                  row={row}
                  index={item.index}
                  start={item.start}
                  selected={selected.has(row.host.id)}
                  onToggle={onToggle}
                  onEdit={onEdit}
                  onRemove={onRemove}
                />
              )
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
