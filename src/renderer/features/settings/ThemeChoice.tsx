import { useThemeStore, type ThemePreference } from '../../app/theme-store';

const CHOICES: readonly { value: ThemePreference; label: string }[] = [
  { value: 'system', label: 'Match system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** Kept on this computer only (local storage): two admins at one site may prefer different themes. */
export function ThemeChoice() {
  const preference = useThemeStore((state) => state.preference);
  const choose = useThemeStore((state) => state.choose);
  return (
    <fieldset className="panel radio-group">
      <legend>Theme</legend>
      {CHOICES.map(({ value, label }) => (
        <label key={value}>
          <input
            type="radio"
            name="theme"
            value={value}
            checked={preference === value}
            onChange={() => {
              choose(value);
            }}
          />
          {label}
        </label>
      ))}
      <p className="field-hint">Remembered on this computer only.</p>
    </fieldset>
  );
}
