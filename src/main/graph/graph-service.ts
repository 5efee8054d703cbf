import type Database from 'better-sqlite3';
import type { AuditEntry } from '../../shared/domain/audit';
import {
  EMPTY_GRAPH,
  type Edge,
  type GraphState,
  type GraphVersion,
  type ServiceGraph,
} from '../../shared/domain/graph';
import { AppError } from '../../shared/result';
import { proposeEdges } from '../domain/graph/proposals';
import { withSwitchover } from '../domain/graph/switchover';
import { cyclesOf } from '../domain/graph/cycles';
import type { HostService } from '../fleet/host-service';
import type { CallContext, Clock, EventSink } from '../ports';
import type { AuditRepo } from '../store/audit-repo';
import type { GraphRepo } from '../store/graph-repo';
import type { ScanRepo } from '../store/scan-repo';

interface Deps {
  db: Database.Database;
  graphs: GraphRepo;
  hosts: HostService;
  scans: ScanRepo;
  audit: AuditRepo;
  events: EventSink;
  clock: Clock;
}

/**
 * The service graph: saved whole as a new version, audited, and refused when it was drawn on an
 * older version than the one held (two admins editing at once) or names hosts the fleet does
 * not have. Proposals come from the connections the latest scans saw.
 */
export function createGraphService({ db, graphs, hosts, scans, audit, events, clock }: Deps) {
  const announce = (entry: AuditEntry): void => {
    events('audit.entry', { seq: entry.seq, action: entry.action });
  };
  const current = () => graphs.current() ?? { version: 0, savedAt: null, savedBy: null, graph: EMPTY_GRAPH };

  function assertSavable(graph: ServiceGraph, baseVersion: number): number {
    const held = current().version;
    if (baseVersion !== held)
      throw new AppError(
        'conflict',
        `The graph was saved as version ${String(held)} since you loaded version ${String(baseVersion)}; reload it and make your change again`,
      );
    const fleet = new Set(hosts.list().map((host) => host.name));
    const unknown = [
      ...new Set(
        graph.services.flatMap((service) => [
          ...service.members.map((member) => member.host),
          ...(service.drain?.kind === 'haproxy' ? [service.drain.via] : []),
        ]),
      ),
    ].filter((name) => !fleet.has(name));
    if (unknown.length > 0)
      throw new AppError(
        'invalid_input',
        `The graph names ${unknown.length === 1 ? 'a host' : 'hosts'} the fleet does not have: ${unknown.slice(0, 10).join(', ')}`,
      );
    return held + 1;
  }

  function store(graph: ServiceGraph, baseVersion: number, action: string, details: object, ctx: CallContext): number {
    const { version, entry } = db.transaction(() => {
      const next = assertSavable(graph, baseVersion);
      graphs.save(next, graph, clock().toISOString(), ctx.actor);
      return {
        version: next,
        entry: audit.append({
          actor: ctx.actor,
          action,
          target: `graph:${String(next)}`,
          details: { ...details, services: graph.services.length, edges: graph.edges.length },
        }),
      };
    })();
    announce(entry);
    return version;
  }

  function state(): GraphState {
    const { version, savedAt, savedBy, graph } = current();
    const fleet = hosts.list();
    const members = new Set(graph.services.flatMap((service) => service.members.map((member) => member.host)));
    const names = new Set(fleet.map((host) => host.name));
    const seen = scans.latestConnections();
    return {
      version,
      savedAt,
      savedBy,
      graph,
      unassigned: fleet.map((host) => host.name).filter((name) => !members.has(name)),
      unknownMembers: [...members].filter((name) => !names.has(name)).sort(),
      cycles: cyclesOf(graph),
      proposals: proposeEdges(
        fleet.map((host) => ({ name: host.name, address: host.address, connections: seen.get(host.id) ?? null })),
        graph,
        graphs.rejected(),
      ),
    };
  }

  return {
    state,

    /** The current graph alone (what the planner needs), without the proposals' work. */
    current: (): ServiceGraph => current().graph,
    /** The current graph with its version number (0 before the first save). */
    head: (): { version: number; graph: ServiceGraph } => {
      const { version, graph } = current();
      return { version, graph };
    },

    save(graph: ServiceGraph, baseVersion: number, ctx: CallContext): GraphState {
      store(graph, baseVersion, 'graph.save', {}, ctx);
      return state();
    },

    /**
     * A rollout's switchover made `to` the primary of a database service: the current graph says
     * so in a new version, so the next plan patches the new replica first. The version saved, or
     * why the graph was left as it is (an admin changed those roles meanwhile).
     */
    recordSwitchover(
      serviceId: string,
      from: string,
      to: string,
      ctx: CallContext,
    ): { version: number } | { refused: string } {
      const { version, graph } = current();
      const outcome = withSwitchover(graph, serviceId, from, to);
      if ('refused' in outcome) return outcome;
      return { version: store(outcome.graph, version, 'graph.switchover', { service: serviceId, from, to }, ctx) };
    },

    /** Adds a proposed (or any) edge to the current graph as a new version. */
    accept(edge: Edge, baseVersion: number, ctx: CallContext): GraphState {
      const { graph } = current();
      if (graph.edges.some((drawn) => drawn.from === edge.from && drawn.to === edge.to))
        throw new AppError('conflict', `${edge.from} already depends on ${edge.to}`);
      store({ ...graph, edges: [...graph.edges, edge] }, baseVersion, 'graph.accept-edge', edge, ctx);
      return state();
    },

    /** A proposal the admin says is wrong: it is not proposed again. */
    reject(edge: Edge, ctx: CallContext): GraphState {
      const entry = db.transaction(() => {
        graphs.reject(edge.from, edge.to, clock().toISOString(), ctx.actor);
        return audit.append({
          actor: ctx.actor,
          action: 'graph.reject-edge',
          target: `edge:${edge.from}->${edge.to}`,
          details: edge,
        });
      })();
      announce(entry);
      return state();
    },

    versions(limit: number): GraphVersion[] {
      return graphs
        .versions(limit)
        .map((row) => ({ version: row.version, savedAt: row.saved_at, savedBy: row.saved_by }));
    },

    /** The graph as it was at a version, to look back or restore (by saving it again). */
    version(version: number): ServiceGraph {
      const stored = graphs.version(version);
      if (!stored) throw new AppError('not_found', `The graph has no version ${String(version)}`);
      return stored.graph;
    },
  };
}

export type GraphService = ReturnType<typeof createGraphService>;
