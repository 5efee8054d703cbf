import { useId } from 'react';
import { plural } from '../../ui/format';
import { Select } from '../../ui/Select';
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
  const control = (suffix: string) => ({
    id: `${id}-${suffix}`,
    'aria-invalid': undefined,
    'aria-describedby': undefined,
  });
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
      <label htmlFor={`${id}-ssvc`} className="visually-hidden">
        SSVC decision
      </label>
      <Select
        control={control('ssvc')}
        value={filter.ssvc}
        options={SSVC_FILTERS}
        labels={SSVC_LABELS}
        onChange={(value) => {
          onChange({ ...filter, ssvc: value });
        }}
      />
      <label htmlFor={`${id}-due`} className="visually-hidden">
        Due
      </label>
      <Select
        control={control('due')}
        value={filter.due}
        options={DUE_FILTERS}
        labels={DUE_FILTER_LABELS}
        onChange={(value) => {
          onChange({ ...filter, due: value });
        }}
      />
      <label htmlFor={`${id}-group`} className="visually-hidden">
        Host group
      </label>
      <Select
        control={control('group')}
        value={filter.group}
        options={['', ...groups]}
        labels={groupLabels}
        onChange={(value) => {
          onChange({ ...filter, group: value });
        }}
      />
      <label htmlFor={`${id}-reboot`} className="visually-hidden">
        Reboot
      </label>
      <Select
        control={control('reboot')}
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
