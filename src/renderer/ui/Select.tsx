import type { ControlProps } from './Field';

interface SelectProps<V extends string> {
  control: ControlProps;
  value: string;
  /** Option values in display order, and the text shown for each. */
  options: readonly V[];
  labels: Readonly<Record<V, string>>;
  onChange: (value: V) => void;
}

export function Select<V extends string>({ control, value, options, labels, onChange }: SelectProps<V>) {
  return (
    <select
      {...control}
      value={value}
      onChange={(event) => {
        // The browser only offers the options rendered below, so one of them always matches.
        const chosen = options.find((option) => option === event.target.value);
        if (chosen !== undefined) onChange(chosen);
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
