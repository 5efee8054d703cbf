import type { Service, ServiceGraph } from '../../shared/domain/graph';
import type { Host, HostInput } from '../../shared/domain/host';
import { AppError } from '../../shared/result';
import { createApp, type App } from '../app';
import { createPassphraseCipher } from '../secrets/passphrase-cipher';
import type { LabHost, LabRole } from './profile';
import { DEMO_HTTP_PORT, PG_SWITCHOVER } from './roles';

const RING: Record<LabRole, HostInput['ring']> = {
  lb: 'critical',
  web: 'important',
  api: 'important',
  search: 'non-critical',
  'db-primary': 'critical',
  'db-replica': 'important',
};

export function labHostInput(host: LabHost, keyFile: string): HostInput {
  return {
    name: host.name,
    address: host.address,
    port: 22,
    osFamily: host.os === 'debian' ? 'debian' : 'rhel',
    transport: 'ssh',
    loginUser: host.loginUser,
    authMethod: 'key',
    credentialRef: `file:${keyFile}`,
    jumpHost: null,
    tags: ['lab', host.role],
    environment: 'lab',
    ring: RING[host.role],
    criticality: host.role === 'lb' || host.role === 'db-primary' ? 'critical' : 'high',
    // The web tier takes the internet's requests through the load balancer, so a flaw in how it
    // parses them (the demo HTTP smuggling CVE) is reachable from outside: both face the internet.
    exposure: host.role === 'lb' || host.role === 'web' ? 'internet-facing' : 'internal',
    // The databases accept connections from the application tier only.
    controls: host.role === 'db-primary' || host.role === 'db-replica' ? ['network-restricted'] : [],
  };
}

const isLabHost = (host: Host): boolean => host.environment === 'lab' && host.tags.includes('lab');

/**
 * Adds (or refreshes) the lab hosts in a data folder's fleet, with the lab key as their
 * credential and their freshly made host keys pinned, so `patchwise serve` shows them ready.
 */
export function registerLabHosts(
  dataDir: string,
  hosts: readonly LabHost[],
  hostKeys: Record<string, string>,
  keyFile: string,
): number {
  const app = createApp({
    dataDir,
    transport: 'headless',
    events: () => undefined,
    cipher: createPassphraseCipher(undefined),
  });
  try {
    // All or nothing: one transaction (the services' own nest inside it as savepoints).
    return app.store.db.transaction(() => registerAll(app, dataDir, hosts, hostKeys, keyFile))();
  } finally {
    app.close();
  }
}

function registerAll(
  app: App,
  dataDir: string,
  hosts: readonly LabHost[],
  hostKeys: Record<string, string>,
  keyFile: string,
): number {
  const ctx = { actor: 'patchwise lab up' };
  // Lab hosts of an earlier lab that no longer match by name and address go first, so that
  // addresses can move between names without colliding.
  const wanted = new Map(hosts.map((host) => [host.name, host.address]));
  const earlier = app.services.hosts.list().filter(isLabHost);
  for (const host of earlier) if (wanted.get(host.name) !== host.address) app.services.hosts.remove(host.id, ctx);
  for (const host of hosts) {
    const input = labHostInput(host, keyFile);
    const existing = app.services.hosts.list().find((candidate) => candidate.name.toLowerCase() === host.name);
    if (existing && !isLabHost(existing)) {
      throw new AppError(
        'conflict',
        `The fleet in ${dataDir} already has a host named ${existing.name} that is not a lab host; use another --data-dir`,
      );
    }
    const saved = existing ? app.services.hosts.update(existing.id, input, ctx) : app.services.hosts.add(input, ctx);
    const key = hostKeys[host.name];
    if (key) app.services.hosts.pinHostKey(saved.id, key, ctx);
  }
  // The lab's services as an admin would draw them, the first time only: an admin's own drawing
  // is never replaced.
  if (app.services.graph.state().version === 0) app.services.graph.save(labGraph(hosts), 0, ctx);
  return hosts.length;
}

/**
 * The shop as a service graph: HAProxy in front of the web tier (drained through its runtime
 * API), the web tier calling the API tier, which calls search and the PostgreSQL pair. Budgets
 * keep all but one member of each tier up; the single load balancer cannot be patched without
 * an outage, and the plan says so.
 */
export function labGraph(hosts: readonly LabHost[]): ServiceGraph {
  const of = (role: LabHost['role']): LabHost[] => hosts.filter((host) => host.role === role);
  const service = (
    id: string,
    name: string,
    kind: Service['kind'],
    members: { host: LabHost; role: Service['members'][number]['role'] }[],
    drain: Service['drain'] = null,
    checks: Service['checks'] = [],
    switchover: Service['switchover'] = null,
  ): Service => ({
    id,
    name,
    kind,
    // All but one stay up; a lone member must stay up, so it is never taken down.
    minHealthy: members.length <= 1 ? members.length : members.length - 1,
    members: members.map(({ host, role }) => ({ host: host.name, role })),
    drain,
    checks,
    switchover,
    position: null,
  });
  const lb = of('lb')[0];
  // The demo service answers on every web, API and search host; 50 requests catch a regression
  // that fails 4 in 100 (demo-http 2.2) and one that adds 40 ms.
  const demoHttp: Service['checks'] = [
    { kind: 'unit', unit: 'demo-http.service' },
    { kind: 'http', port: DEMO_HTTP_PORT, path: '/', requests: 50 },
  ];
  const haproxy = (backend: string): Service['drain'] =>
    lb ? { kind: 'haproxy', via: lb.name, socket: '/run/haproxy/admin.sock', backend } : null;
  const services = [
    service(
      'shop-lb',
      'Load balancer',
      'load-balancer',
      of('lb').map((host) => ({ host, role: 'load-balancer' })),
    ),
    service(
      'web',
      'Web shop',
      'service',
      of('web').map((host) => ({ host, role: 'web' })),
      haproxy('web'),
      demoHttp,
    ),
    service(
      'api',
      'Shop API',
      'service',
      of('api').map((host) => ({ host, role: 'api' })),
      haproxy('api'),
      demoHttp,
    ),
    service(
      'search',
      'Search',
      'service',
      of('search').map((host) => ({ host, role: 'member' })),
      null,
      demoHttp,
    ),
    service(
      'db',
      'PostgreSQL',
      'database-cluster',
      [
        ...of('db-primary').map((host) => ({ host, role: 'database-primary' as const })),
        ...of('db-replica').map((host) => ({ host, role: 'database-replica' as const })),
      ],
      null,
      [{ kind: 'unit', unit: 'postgresql.service' }],
      PG_SWITCHOVER,
    ),
  ].filter((drawn) => drawn.members.length > 0);
  const present = new Set(services.map((drawn) => drawn.id));
  const edges = [
    { from: 'shop-lb', to: 'web' },
    { from: 'web', to: 'api' },
    { from: 'api', to: 'search' },
    { from: 'api', to: 'db' },
  ].filter((edge) => present.has(edge.from) && present.has(edge.to));
  return { services, edges };
}
