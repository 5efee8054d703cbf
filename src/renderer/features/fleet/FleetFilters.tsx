import { useId } from 'react';
import { plural } from '../../ui/format';
import { FilterSelect } from '../../ui/FilterSelect';
import { REBOOT_FILTERS, STATUS_FILTERS, type Filter } from './fleet-rows';
import { REBOOT_FILTER_LABELS, STATUS_FILTER_LABELS } from './fleet-labels';

interface FleetFiltersProps {
  filter: Filter;
  shown: number;
  total: number;
  onChange: (filter: Filter) => void;
}

export function FleetFilters({ filter, shown, total, onChange }: FleetFiltersProps) {
  const id = useId();
  return (
    <div className="toolbar" role="search" aria-label="Filter hosts">
      <label htmlFor={`${id}-text`} className="visually-hidden">
        Filter hosts
      </label>
      <input
        id={`${id}-text`}
        type="search"
        className="filter-text"
        placeholder="Filter by name, address, OS, tag…"
        value={filter.text}
        onChange={(event) => {
          onChange({ ...filter, text: event.target.value });
        }}
      />
      <FilterSelect
        id={`${id}-status`}
        label="Status"
        value={filter.status}
        options={STATUS_FILTERS}
        labels={STATUS_FILTER_LABELS}
        onChange={(value) => {
          onChange({ ...filter, status: value });
        }}
      />
      <FilterSelect
        id={`${id}-reboot`}
        label="Reboot"
        value={filter.reboot}
        options={REBOOT_FILTERS}
        labels={REBOOT_FILTER_LABELS}
        onChange={(value) => {
          onChange({ ...filter, reboot: value });
        }}
      />
      <span className="muted" role="status">
        {shown === total ? plural(total, 'host') : `Showing ${String(shown)} of ${plural(total, 'host')}`}
      </span>
    </div>
  );
}
