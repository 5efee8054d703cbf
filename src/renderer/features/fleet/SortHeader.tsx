import type { Sort, SortKey } from './fleet-rows';
import { SORT_LABELS } from './fleet-labels';

interface SortHeaderProps {
  column: SortKey;
  sort: Sort;
  numeric?: boolean;
  onSort: (key: SortKey) => void;
}

/** A column header that sorts; `aria-sort` tells assistive technology which column and which way. */
export function SortHeader({ column, sort, numeric, onSort }: SortHeaderProps) {
  const active = sort.key === column;
  return (
    <th
      role="columnheader"
      scope="col"
      className={numeric ? 'num' : undefined}
      aria-sort={active ? sort.direction : 'none'}
    >
      <button
        type="button"
        className="sort-button"
        onClick={() => {
          onSort(column);
        }}
      >
        {SORT_LABELS[column]}
        <span aria-hidden="true" className="sort-mark">
          {active ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}
        </span>
      </button>
    </th>
  );
}
