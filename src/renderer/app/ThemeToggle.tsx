import { useThemeStore } from './theme-store';

/** Switches between light and dark; the label names the theme a press switches to. */
export function ThemeToggle() {
  const theme = useThemeStore((state) => state.theme);
  const choose = useThemeStore((state) => state.choose);
  const next = theme === 'dark' ? 'light' : 'dark';
  const label = next === 'dark' ? 'Dark theme' : 'Light theme';
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={label}
      title={`Switch to ${next} theme`}
      onClick={() => {
        choose(next);
      }}
    >
      <span aria-hidden="true">{next === 'dark' ? '☾' : '☀'}</span>
    </button>
  );
}
