import type { ControlProps } from './Field';

interface SelectProps<V extends string> {
  control: ControlProps;
  value: string;
  /** Option values in display order, and the text shown for each. */
  options: readonly V[];
  labels: Readonly<Record<V, string>>;
  onChange: (value: string) => void;
}

export function Select<V extends string>({ control, value, options, labels, onChange }: SelectProps<V>) {
  return (
    <select
      {...control}
      value={value}
      onChange={(event) => {
        onChange(event.target.value);
      }}
    >
      {options.map((option) => (
        <option key={option} value={option}>
          {labels[option]}
        </option>
      ))}
    </select>
  );
}
