import { AuditPage } from '../features/audit/AuditPage';
import { FleetPage } from '../features/fleet/FleetPage';
import { GraphPage } from '../features/graph/GraphPage';
import { HostPage } from '../features/host/HostPage';
import { PlaceholderPage } from '../features/placeholder/PlaceholderPage';
import { QueuePage } from '../features/queue/QueuePage';
import { RolloutsPage } from '../features/rollouts/RolloutsPage';
import { VulnerabilitiesPage } from '../features/vulns/VulnerabilitiesPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import type { Location } from './routes';

export function RouteView({ location }: { location: Location }) {
  const { route, hostId } = location;
  switch (route.id) {
    case 'fleet':
      return hostId === null ? <FleetPage /> : <HostPage hostId={hostId} />;
    case 'audit':
      return <AuditPage />;
    case 'settings':
      return <SettingsPage />;
    case 'queue':
      return <QueuePage />;
    case 'vulnerabilities':
      return <VulnerabilitiesPage />;
    case 'graph':
      return <GraphPage />;
    case 'rollouts':
      return <RolloutsPage />;
    case 'canary':
    case 'reports':
      return <PlaceholderPage id={route.id} title={route.label} />;
  }
}
