/** The areas of the app, in nav order. Each lives at `#/<id>`. */
export const ROUTES = [
  { id: 'fleet', label: 'Fleet' },
  { id: 'vulnerabilities', label: 'Vulnerabilities' },
  { id: 'queue', label: 'Patch queue' },
  { id: 'graph', label: 'Service graph' },
  { id: 'rollouts', label: 'Rollouts' },
  { id: 'canary', label: 'Canary' },
  { id: 'reports', label: 'Reports' },
  { id: 'audit', label: 'Audit log' },
  { id: 'settings', label: 'Settings' },
] as const;

export type Route = (typeof ROUTES)[number];
export type RouteId = Route['id'];

export const DEFAULT_ROUTE: Route = ROUTES[0];

export const hrefFor = (id: RouteId): string => `#/${id}`;

export function routeForHash(hash: string): Route | undefined {
  return ROUTES.find((route) => hrefFor(route.id) === hash);
}
