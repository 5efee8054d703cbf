import { AuditPage } from '../features/audit/AuditPage';
import { FleetPage } from '../features/fleet/FleetPage';
import { PlaceholderPage } from '../features/placeholder/PlaceholderPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import type { Route } from './routes';

export function RouteView({ route }: { route: Route }) {
  switch (route.id) {
    case 'fleet':
      return <FleetPage />;
    case 'audit':
      return <AuditPage />;
    case 'settings':
      return <SettingsPage />;
    case 'vulnerabilities':
    case 'queue':
    case 'graph':
    case 'rollouts':
    case 'canary':
    case 'reports':
      return <PlaceholderPage id={route.id} title={route.label} />;
  }
}
