import { memo } from 'react';
import { queueRowText } from './queue-row-text';
import type { QueueRows } from './queue-rows';

interface QueueTableRowProps {
  rows: QueueRows;
  /** Which of `rows` this is. */
  row: number;
  /** 0-based position among the shown fixes; the header is row 1 for assistive technology. */
  index: number;
  /** Offset from the top of the table body, in pixels. */
  start: number;
  selected: boolean;
  /** Skimmed past too fast to read: the row shows only its rank and says it is still to come. */
  skimmed: boolean;
  onSelect: (fix: string) => void;
}

/**
 * One ranked fix. Memoised: a scroll re-renders the table every frame, and only the rows that
 * came into view need rendering (each made an object again from the columns, only then); the ones
 * already shown keep their props and are skipped.
 */
export const QueueTableRow = memo(function QueueTableRow({
  rows,
  row,
  index,
  start,
  selected,
  skimmed,
  onSelect,
}: QueueTableRowProps) {
  const position = { transform: `translateY(${String(start)}px)` };
  if (skimmed)
    return (
      <tr role="row" aria-rowindex={index + 2} aria-selected={selected} aria-busy style={position}>
        <td role="cell" className="num">
          {rows.rank(row)}
        </td>
      </tr>
    );
  const item = rows.row(row);
  const text = queueRowText(item);
  return (
    <tr role="row" aria-rowindex={index + 2} aria-selected={selected} style={position}>
      <td role="cell" className="num">
        {item.rank}
      </td>
      <td role="cell">
        <button
          type="button"
          className="link"
          title={item.fix}
          onClick={() => {
            onSelect(item.fix);
          }}
        >
          {item.fix}
        </button>
      </td>
      <td role="cell" className="num">
        {text.score}
      </td>
      <td role="cell">{item.ssvc}</td>
      <td role="cell">{item.kev ? <span className="state state-failed">KEV</span> : '—'}</td>
      <td role="cell" className="num">
        {text.epss}
      </td>
      <td role="cell">{text.due}</td>
      <td role="cell" title={text.hostsTitle}>
        {text.hosts}
      </td>
      <td role="cell">{text.packages}</td>
    </tr>
  );
});
