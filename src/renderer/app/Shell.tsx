import { useEffect, useRef } from 'react';
import { subscribe } from '../api/client';
import { useSettingsStore } from '../features/settings/settings-store';
import type { AppInfo } from './boot-store';
import { Header } from './Header';
import { Nav } from './Nav';
import { RouteView } from './RouteView';
import { useRoute } from './use-route';

export function Shell({ info }: { info: AppInfo }) {
  const route = useRoute();
  const loadSettings = useSettingsStore((state) => state.load);
  const mainRef = useRef<HTMLElement>(null);
  const firstRoute = useRef(true);

  // There is no settings event; a settings change from another window shows up as an audit entry.
  useEffect(
    () =>
      subscribe('audit.entry', ({ action }) => {
        if (action === 'settings.update') void loadSettings();
      }),
    [loadSettings],
  );

  useEffect(() => {
    document.title = `${route.label} · Patchwise`;
    // Moving to another area puts focus on its heading, as a page load would; not on first render.
    if (firstRoute.current) firstRoute.current = false;
    else mainRef.current?.querySelector('h1')?.focus();
  }, [route]);

  return (
    <div className="shell">
      <Header />
      <Nav current={route.id} info={info} />
      <main ref={mainRef} className="app-main">
        <RouteView key={route.id} route={route} />
      </main>
    </div>
  );
}
