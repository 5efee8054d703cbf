import { useRef } from 'react';
import type { QueueItem } from '../../../shared/domain/queue';
import { useVirtualRows } from '../../ui/use-virtual-rows';

const ROW_HEIGHT = 31;

interface QueueTableProps {
  items: readonly QueueItem[];
  selected: string | null;
  busy: boolean;
  onSelect: (fix: string) => void;
}

const percent = (value: number | null): string => (value === null ? '—' : `${(value * 100).toFixed(1)} %`);

/** The ranked fixes; only the rows in view are in the DOM, so 100,000 fixes scroll like ten. */
export function QueueTable({ items, selected, busy, onSelect }: QueueTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = useVirtualRows(items.length, ROW_HEIGHT, scrollRef);
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
            if (!item) return null;
            return (
              <tr
                key={item.fix}
                role="row"
                aria-rowindex={index + 2}
                aria-selected={item.fix === selected}
                style={{ transform: `translateY(${String(start)}px)` }}
              >
                <td role="cell" className="num">
                  {item.rank}
                </td>
                <td role="cell">
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      onSelect(item.fix);
                    }}
                  >
                    {item.fix}
                  </button>
                </td>
                <td role="cell" className="num">
                  {item.score.toFixed(1)}
                </td>
                <td role="cell">{item.ssvc}</td>
                <td role="cell">{item.kev ? <span className="state state-failed">KEV</span> : '—'}</td>
                <td role="cell" className="num">
                  {percent(item.epss)}
                </td>
                <td role="cell">{item.due ? item.due.slice(0, 10) : '—'}</td>
                <td role="cell" title={item.hosts.join(', ')}>
                  {item.hosts.length === 1 ? item.hosts[0] : `${String(item.hosts.length)} hosts`}
                </td>
                <td role="cell">{item.packages.join(', ')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
