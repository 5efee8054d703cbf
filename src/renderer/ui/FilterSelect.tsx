import { Select } from './Select';

interface FilterSelectProps<V extends string> {
  id: string;
  /** Read by assistive technology; the options say enough on screen. */
  label: string;
  value: string;
  options: readonly V[];
  labels: Readonly<Record<V, string>>;
  onChange: (value: V) => void;
}

/** A select in a filter bar or a row: its label is there for screen readers, hidden on screen. */
export function FilterSelect<V extends string>({ id, label, value, options, labels, onChange }: FilterSelectProps<V>) {
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <Select
        control={{ id, 'aria-invalid': undefined, 'aria-describedby': undefined }}
        value={value}
        options={options}
        labels={labels}
        onChange={onChange}
      />
    </>
  );
}
