import { useId } from 'react';
import { plural } from '../../ui/format';
import { FilterSelect } from '../../ui/FilterSelect';
import {
  DUE_FILTER_LABELS,
  DUE_FILTERS,
  REBOOT_FILTER_LABELS,
  REBOOT_FILTERS,
  SSVC_FILTERS,
  type QueueFilter,
  type SsvcFilter,
} from './queue-filter';

const SSVC_LABELS: Readonly<Record<SsvcFilter, string>> = {
  all: 'Every SSVC decision',
  Act: 'SSVC Act',
  Attend: 'SSVC Attend',
  'Track*': 'SSVC Track*',
  Track: 'SSVC Track',
};

interface QueueFiltersProps {
  filter: QueueFilter;
  /** The fleet's host tags, offered as groups. */
  groups: readonly string[];
  shown: number;
  total: number;
  onChange: (filter: QueueFilter) => void;
}

export function QueueFilters({ filter, groups, shown, total, onChange }: QueueFiltersProps) {
  const id = useId();
  const groupLabels: Record<string, string> = { '': 'Every host group' };
  for (const group of groups) groupLabels[group] = `Hosts tagged ${group}`;
  return (
    <div className="toolbar" role="search" aria-label="Filter the queue">
      <label htmlFor={`${id}-text`} className="visually-hidden">
        Filter fixes
      </label>
      <input
        id={`${id}-text`}
        type="search"
        className="filter-text"
        placeholder="Filter by fix, package, host, CVE…"
        value={filter.text}
        onChange={(event) => {
          onChange({ ...filter, text: event.target.value });
        }}
      />
      <FilterSelect
        id={`${id}-ssvc`}
        label="SSVC decision"
        value={filter.ssvc}
        options={SSVC_FILTERS}
        labels={SSVC_LABELS}
        onChange={(value) => {
          onChange({ ...filter, ssvc: value });
        }}
      />
      <FilterSelect
        id={`${id}-due`}
        label="Due"
        value={filter.due}
        options={DUE_FILTERS}
        labels={DUE_FILTER_LABELS}
        onChange={(value) => {
          onChange({ ...filter, due: value });
        }}
      />
      <FilterSelect
        id={`${id}-group`}
        label="Host group"
        value={filter.group}
        options={['', ...groups]}
        labels={groupLabels}
        onChange={(value) => {
          onChange({ ...filter, group: value });
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
      <label>
        <input
          type="checkbox"
          checked={filter.kevOnly}
          onChange={(event) => {
            onChange({ ...filter, kevOnly: event.target.checked });
          }}
        />{' '}
        Known exploited (KEV) only
      </label>
      <span className="muted" role="status">
        {shown === total
          ? plural(total, 'fix', 'fixes')
          : `Showing ${String(shown)} of ${plural(total, 'fix', 'fixes')}`}
      </span>
    </div>
  );
}
