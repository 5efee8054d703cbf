import { useEffect, useRef } from 'react';
import { subscribe } from '../api/client';
import { useScanEvents } from '../features/scan/use-scan-events';
import { useSettingsStore } from '../features/settings/settings-store';
import type { AppInfo } from './boot-store';
import { Header } from './Header';
import { Nav } from './Nav';
import { RouteView } from './RouteView';
import { useLocation } from './use-route';

export function Shell({ info }: { info: AppInfo }) {
  const location = useLocation();
  const loadSettings = useSettingsStore((state) => state.load);
  const mainRef = useRef<HTMLElement>(null);
  const firstRoute = useRef(true);
  // Scans run whichever page is open, and their progress must be current when the admin looks.
  useScanEvents();

  // There is no settings event; a settings change from another window shows up as an audit entry.
  useEffect(
    () =>
      subscribe('audit.entry', ({ action }) => {
        if (action === 'settings.update') void loadSettings();
      }),
    [loadSettings],
  );

  const { hash, route, hostId } = location;
  useEffect(() => {
    // A host page names itself once it knows the host's name (see HostPage).
    if (hostId === null) document.title = `${route.label} · Patchwise`;
    // Moving to another page puts focus on its heading, as a page load would; not on first render.
    if (firstRoute.current) firstRoute.current = false;
    else mainRef.current?.querySelector('h1')?.focus();
  }, [hash, route, hostId]);

  return (
    <div className="shell">
      <Header />
      <Nav current={route.id} inside={hostId !== null} info={info} />
      <main ref={mainRef} className="app-main">
        <RouteView key={hash} location={location} />
      </main>
    </div>
  );
}
