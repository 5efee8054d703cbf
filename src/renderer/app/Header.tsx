import { useSettingsStore } from '../features/settings/settings-store';
import { ThemeToggle } from './ThemeToggle';

export function Header() {
  const siteName = useSettingsStore((state) => state.settings?.siteName);
  return (
    <header className="app-header">
      <span className="brand">Patchwise</span>
      {siteName && (
        <span className="site-name" title="Site">
          {siteName}
        </span>
      )}
      <span className="spacer" />
      <ThemeToggle />
    </header>
  );
}
