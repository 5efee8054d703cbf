import type { ServiceGraph } from '../../../shared/domain/graph';
import type { Connection } from '../../../shared/domain/inventory';

/** A dependency seen on the wire that the graph does not have yet: `from` depends on `to`. */
export interface ProposedEdge {
  from: string;
  to: string;
  /** How many connections showed it, and a few of them in words (`web1 -> api1:8080 (nginx)`). */
  seen: number;
  evidence: string[];
}

export interface ObservedHost {
  name: string;
  address: string;
  /** From its latest scan; null when the scan could not list them. */
  connections: readonly Connection[] | null;
}

const EVIDENCE_SHOWN = 5;

/** `::ffff:10.0.0.5` is the IPv4 address 10.0.0.5 as an IPv6 socket shows it. */
const plainAddress = (address: string): string => address.replace(/^::ffff:/i, '').toLowerCase();

/**
 * Edges proposed from the connections scans saw: a host with an established connection to a
 * port another fleet host listens on depends on it, so each service of the first depends on
 * each service of the second. Edges the graph has, edges an admin rejected, and connections
 * inside one service are not proposed. Sorted by how often they were seen, then by name.
 */
export function proposeEdges(
  hosts: readonly ObservedHost[],
  graph: ServiceGraph,
  rejected: ReadonlySet<string>,
): ProposedEdge[] {
  const byAddress = new Map(hosts.map((host) => [plainAddress(host.address), host]));
  const listening = new Map(
    hosts.map((host) => [
      host.name,
      new Set((host.connections ?? []).filter((c) => c.state === 'listen').map((c) => c.localPort)),
    ]),
  );
  const servicesOf = new Map<string, string[]>();
  for (const service of graph.services)
    for (const member of service.members)
      servicesOf.set(member.host, [...(servicesOf.get(member.host) ?? []), service.id]);
  const drawn = new Set(graph.edges.map((edge) => `${edge.from}\u0000${edge.to}`));
  const proposed = new Map<string, ProposedEdge>();
  for (const client of hosts)
    for (const connection of client.connections ?? []) {
      if (connection.state !== 'established' || connection.remote === null || connection.remotePort === null) continue;
      const server = byAddress.get(plainAddress(connection.remote));
      if (!server || server.name === client.name || !listening.get(server.name)?.has(connection.remotePort)) continue;
      for (const from of servicesOf.get(client.name) ?? [])
        for (const to of servicesOf.get(server.name) ?? []) {
          const key = `${from}\u0000${to}`;
          if (from === to || drawn.has(key) || rejected.has(key)) continue;
          let edge = proposed.get(key);
          if (!edge) proposed.set(key, (edge = { from, to, seen: 0, evidence: [] }));
          edge.seen += 1;
          const line = `${client.name} -> ${server.name}:${String(connection.remotePort)}${connection.process ? ` (${connection.process})` : ''}`;
          if (edge.evidence.length < EVIDENCE_SHOWN && !edge.evidence.includes(line)) edge.evidence.push(line);
        }
    }
  return [...proposed.values()].sort(
    (a, b) => b.seen - a.seen || (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0),
  );
}
