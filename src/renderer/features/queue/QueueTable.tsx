import { useRef } from 'react';
import { useVirtualRows } from '../../ui/use-virtual-rows';
import type { QueueRows } from './queue-rows';
import { QueueTableRow } from './QueueTableRow';

const ROW_HEIGHT = 31;
/**
 * Rows rendered beyond the view on each side, while reading (skimmed rows have none). Few: each
 * row that scrolls into view costs style, layout and text shaping. A wheel tick moves about 3 rows,
 * so 4 still has the next rows ready.
 */
const OVERSCAN = 4;

interface QueueTableProps {
  rows: QueueRows;
  /** The indexes in `rows` of the rows shown (the filter's), in rank order. */
  shown: Uint32Array;
  /** The index in `rows` of the selected row, or -1. */
  selected: number;
  busy: boolean;
  onSelect: (fix: string) => void;
}

/**
 * The ranked fixes; only the rows in view are in the DOM, so 100,000 fixes scroll like ten. While
 * they are skimmed (the scrollbar thumb dragged: every row in view replaced every frame) the rows
 * show only their rank, which Chromium lays out in a fraction of a full row's time, and fill in
 * once scrolling slows or stops (measured by bench/queue-scroll.mjs).
 */
export function QueueTable({ rows, shown, selected, busy, onSelect }: QueueTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = useVirtualRows(shown.length, ROW_HEIGHT, scrollRef, OVERSCAN);
  return (
    <div ref={scrollRef} className="table-wrap vtable-scroll">
      <table
        role="table"
        className="vtable vtable-queue"
        aria-label="Patch queue"
        aria-rowcount={shown.length + 1}
        aria-busy={busy}
      >
        <thead role="rowgroup">
          <tr role="row" aria-rowindex={1}>
            {['Rank', 'Fix', 'Score', 'SSVC', 'KEV', 'EPSS', 'Due', 'Hosts', 'Packages'].map((label) => (
              <th key={label} role="columnheader" scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup" style={{ height: `${String(virtual.totalHeight)}px` }}>
          {virtual.rows.map(({ index, start }, position) => {
            const row = shown[index];
            return row === undefined ? null : (
              <QueueTableRow
                // Skimmed rows are all new each frame: keyed by position, the same DOM rows take
                // the next frame's ranks instead of being replaced. Full rows keep their row of the
                // queue, so a slow scroll renders only the rows coming into view.
                key={virtual.skimming ? position : row}
                rows={rows}
                row={row}
                index={index}
                start={start}
                selected={row === selected}
                skimmed={virtual.skimming}
                onSelect={onSelect}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
