import { useRef } from 'react';
import type { QueueRow } from '../../../shared/domain/queue';
import { useVirtualRows } from '../../ui/use-virtual-rows';
import { QueueTableRow } from './QueueTableRow';

const ROW_HEIGHT = 31;
/**
 * Rows rendered beyond the view on each side. Few: dragging the scrollbar through 100,000 fixes
 * brings a whole new set of rows every frame, and each one costs style, layout and text shaping
 * (traced in Chromium during bench/queue-scroll.mjs's thumb drag, 12 a side took about half as much
 * main-thread time again per frame as 4). A wheel tick moves about 3 rows, so 4 still has the next
 * rows ready.
 */
const OVERSCAN = 4;

interface QueueTableProps {
  items: readonly QueueRow[];
  selected: string | null;
  busy: boolean;
  onSelect: (fix: string) => void;
}

/** The ranked fixes; only the rows in view are in the DOM, so 100,000 fixes scroll like ten. */
export function QueueTable({ items, selected, busy, onSelect }: QueueTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = useVirtualRows(items.length, ROW_HEIGHT, scrollRef, OVERSCAN);
  return (
    <div ref={scrollRef} className="table-wrap vtable-scroll">
      <table
        role="table"
        className="vtable vtable-queue"
        aria-label="Patch queue"
        aria-rowcount={items.length + 1}
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
          {virtual.rows.map(({ index, start }) => {
            const item = items[index];
            return item ? (
              <QueueTableRow
                key={item.fix}
                item={item}
                index={index}
                start={start}
                selected={item.fix === selected}
                onSelect={onSelect}
              />
            ) : null;
          })}
        </tbody>
      </table>
    </div>
  );
}
