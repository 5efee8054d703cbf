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

/** Where the address bar points: an area, and inside Fleet possibly one host's page. */
export interface Location {
  route: Route;
  /** The host whose page is open (`#/fleet/host/<id>`), or null for the area itself. */
  hostId: number | null;
}

export const hrefFor = (id: RouteId): string => `#/${id}`;

export const hrefForHost = (hostId: number): string => `#/fleet/host/${String(hostId)}`;

const HOST_HASH = /^#\/fleet\/host\/([1-9]\d{0,14})$/;

export function routeForHash(hash: string): Route | undefined {
  return ROUTES.find((route) => hrefFor(route.id) === hash);
}

export function locationForHash(hash: string): Location | undefined {
  const route = routeForHash(hash);
  if (route) return { route, hostId: null };
  const host = HOST_HASH.exec(hash);
  return host?.[1] ? { route: DEFAULT_ROUTE, hostId: Number(host[1]) } : undefined;
}
