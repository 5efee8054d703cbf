import type Database from 'better-sqlite3';
import { EMPTY_GRAPH, type ServiceGraph } from '../../shared/domain/graph';
import type { Host } from '../../shared/domain/host';
import type { HostInventory } from '../../shared/domain/inventory';
import type { FindingRow } from '../../shared/domain/queue';
import type { Plan } from '../../shared/domain/plan';
import {
  ROLLOUT_HOST_PHASES,
  type HostDryRun,
  type RolloutHost,
  type RolloutScope,
  type RolloutStart,
  type RolloutSummary,
  type RolloutView,
} from '../../shared/domain/rollout';
import { AppError } from '../../shared/result';
import { budgetRefusal } from '../domain/rollout/budget';
import { batchStartAt } from '../domain/rollout/window-wait';
import type { PackageTarget } from '../domain/rollout/model';
import type { HostRecord, RolloutRecord } from '../domain/rollout/records';
import { compareDpkg } from '../domain/versions/dpkg';
import { compareRpm } from '../domain/versions/rpm';
import type { HostService } from '../fleet/host-service';
import type { TargetSources } from '../fleet/ssh/target';
import type { GraphService } from '../graph/graph-service';
import type { CallContext, Clock, EventSink } from '../ports';
import type { QueueService } from '../queue/queue-service';
import type { AuditRepo } from '../store/audit-repo';
import type { RolloutRepo } from '../store/rollout-repo';
import { createSshActions, DEFAULT_TIMEOUTS, type RolloutTimeouts, type SshActions } from './executors/ssh-actions';
import type { HostActions } from './host-actions';
import { runBounded } from '../fleet/ssh/bounded';
import { ENGINE_ACTOR } from './journal';
import { createOrchestrator } from './orchestrator';
import type { PlanService } from './plan-service';

interface Deps {
  db: Database.Database;
  rollouts: RolloutRepo;
  hosts: HostService;
  graph: GraphService;
  plans: PlanService;
  queue: QueueService;
  audit: AuditRepo;
  events: EventSink;
  clock: Clock;
  sources: TargetSources;
  /** The host's last inventory (its pending upgrades), by host id. */
  inventory: (hostId: number) => HostInventory | undefined;
  timeouts?: Partial<RolloutTimeouts>;
  /** The hosts' side; SSH unless a test gives its own. */
  actions?: HostActions;
}

/**
 * What each host of a plan installs: for every vulnerable finding of the chosen fixes, its
 * package to the fixed version (the highest, when several fixes name one package), or to the
 * newest the mirror has. Pure.
 */
export function workFor(
  findings: readonly FindingRow[],
  fixes: ReadonlySet<string>,
  hosts: ReadonlyMap<string, string>,
  versions: RolloutStart['versions'],
): Record<string, PackageTarget[]> {
  const work = new Map<string, Map<string, string | null>>();
  for (const finding of findings) {
    const family = hosts.get(finding.host);
    if (family === undefined || finding.state !== 'vulnerable' || !fixes.has(finding.advisory)) continue;
    if (finding.kernel === 'not-running' || finding.fixed === null) continue;
    const compare = family === 'rhel' ? compareRpm : compareDpkg;
    const packages = work.get(finding.host) ?? new Map<string, string | null>();
    work.set(finding.host, packages);
    const wanted = versions === 'latest' ? null : finding.fixed;
    const had = packages.get(finding.package);
    if (had === undefined || (had !== null && wanted !== null && compare(wanted, had) > 0))
      packages.set(finding.package, wanted);
  }
  return Object.fromEntries(
    [...work].map(([host, packages]) => [
      host,
      [...packages].map(([name, version]) => ({ name, version })).sort((a, b) => a.name.localeCompare(b.name)),
    ]),
  );
}

/** A host's work plus its other pending upgrades (the fixes' own targets win for their packages). */
export function withUpgrades(
  work: readonly PackageTarget[],
  upgrades: readonly { name: string; to: string }[],
  versions: RolloutStart['versions'],
): PackageTarget[] {
  const named = new Set(work.map((target) => target.name));
  const more = upgrades
    .filter((upgrade) => !named.has(upgrade.name))
    .map((upgrade) => ({ name: upgrade.name, version: versions === 'latest' ? null : upgrade.to }));
  return [...work, ...more].sort((a, b) => a.name.localeCompare(b.name));
}

const withSsh = (ssh: SshActions): { actions: HostActions; ssh: SshActions | null } => ({ actions: ssh, ssh });

const plannedHosts = (plan: Plan): string[] =>
  plan.rings.flatMap((ring) => ring.batches.flatMap((batch) => batch.hosts));

function hostView(record: HostRecord): RolloutHost {
  const { run } = record;
  return {
    host: record.host,
    ring: record.cursor.ring,
    batch: record.cursor.batch,
    phase: run.phase,
    step: run.phase === 'active' ? run.step : null,
    path: run.phase === 'active' ? run.path : null,
    drained: (run.phase === 'active' || run.phase === 'failed') && run.drained,
    reason: 'reason' in run ? run.reason : null,
    work: record.work,
    before: record.preState?.packages ?? null,
    updatedAt: record.updatedAt,
  };
}

function summary(rollout: RolloutRecord, hosts: readonly HostRecord[]): RolloutSummary {
  const counts = Object.fromEntries(ROLLOUT_HOST_PHASES.map((phase) => [phase, 0])) as RolloutSummary['counts'];
  for (const host of hosts) counts[host.run.phase] += 1;
  return {
    id: rollout.id,
    status: rollout.state.status,
    reason: rollout.state.reason,
    cursor: rollout.state.cursor,
    graphVersion: rollout.graphVersion,
    failureThreshold: rollout.policy.failureThreshold,
    createdBy: rollout.createdBy,
    createdAt: rollout.createdAt,
    updatedAt: rollout.updatedAt,
    finishedAt: rollout.finishedAt,
    counts,
  };
}

/**
 * Rollouts for the app: the plan for the chosen fixes, what each host installs, and the engine
 * that runs them over SSH (main/rollout/orchestrator.ts), with views for the renderer and CLI.
 */
export function createRolloutService(deps: Deps) {
  const { rollouts, hosts, graph, plans, queue } = deps;
  /** The fleet with each host's family as the last scan found it, where the admin left it unknown. */
  const fleetHosts = (): Host[] =>
    hosts.list().map((host) => {
      if (host.osFamily !== 'unknown') return host;
      const found = deps.inventory(host.id)?.os.family;
      return found ? { ...host, osFamily: found } : host;
    });
  const graphs = new Map<number, ServiceGraph>();
  const graphOf = (id: number): ServiceGraph => {
    let drawn = graphs.get(id);
    if (!drawn) {
      const version = rollouts.rollout(id)?.graphVersion ?? 0;
      drawn = version === 0 ? EMPTY_GRAPH : graph.version(version);
      graphs.set(id, drawn);
    }
    return drawn;
  };
  const { actions, ssh } = deps.actions
    ? { actions: deps.actions, ssh: null }
    : withSsh(
        createSshActions({
          host: (name) => fleetHosts().find((host) => host.name === name),
          sources: deps.sources,
          graphOf,
          hostsOf: (id) => rollouts.hosts(id),
          timeouts: { ...DEFAULT_TIMEOUTS, ...deps.timeouts },
          switchedOver: (service, from, to) => {
            // The hosts did switch: a graph that cannot be saved now (another save, a host
            // removed) must not fail the step that did it. The log says so; the admin redraws.
            try {
              const recorded = graph.recordSwitchover(service, from, to, { actor: ENGINE_ACTOR });
              return 'version' in recorded
                ? `The service graph now has ${to} as the primary (version ${String(recorded.version)})`
                : `The service graph was left as it is: ${recorded.refused}`;
            } catch (error) {
              return `The service graph was not updated (${error instanceof Error ? error.message : String(error)}): it still names ${from} the primary`;
            }
          },
        }),
      );
  const engine = createOrchestrator({
    ...deps,
    actions,
    admit: (id, host) =>
      budgetRefusal(graphOf(id), new Map(rollouts.hosts(id).map((record) => [record.host, record.run.phase])), host),
  });

  /** The plan for a scope: only hosts the executors can patch; the others unplaced, with the reason. */
  function planFor(scope: RolloutScope, fleet: readonly Host[]): Plan {
    const chosen = new Set(scope.fixes.length > 0 ? scope.fixes : queue.items().map((item) => item.fix));
    const unknown = (scope.hosts ?? []).filter((name) => !fleet.some((host) => host.name === name));
    if (unknown.length > 0) throw new AppError('not_found', `Not in the fleet: ${unknown.slice(0, 10).join(', ')}`);
    const covered = new Set(queue.items().flatMap((item) => (chosen.has(item.fix) ? item.hosts : [])));
    const wanted = fleet.filter((host) => (scope.hosts ? scope.hosts.includes(host.name) : covered.has(host.name)));
    // The engine's executors speak apt and dnf: other hosts stay out of the plan, and it says so.
    const others = wanted.filter((host) => host.osFamily !== 'debian' && host.osFamily !== 'rhel');
    const plan = plans.plan(
      scope.fixes,
      wanted.filter((host) => !others.includes(host)).map((host) => host.name),
      { otherUpdates: scope.allUpdates ?? false, ...(scope.notBefore ? { notBefore: scope.notBefore } : {}) },
    );
    for (const host of others)
      plan.unplaced.push({
        host: host.name,
        reason: `${host.name} is a ${host.osFamily} host: rollouts patch Debian- and RHEL-family hosts so far`,
      });
    return plan;
  }

  /** The plan for a start request, and what each of its hosts installs. */
  function prepare(input: RolloutStart): { plan: Plan; work: Record<string, PackageTarget[]> } {
    const fleet = fleetHosts();
    const plan = planFor(input, fleet);
    const chosen = new Set(input.fixes.length > 0 ? input.fixes : queue.items().map((item) => item.fix));
    const families = new Map(fleet.map((host) => [host.name, host.osFamily]));
    const work = workFor(queue.findings(), chosen, families, input.versions);
    if (input.allUpdates) {
      const planned = new Set(plannedHosts(plan));
      for (const host of fleet.filter((candidate) => planned.has(candidate.name))) {
        const upgrades = deps.inventory(host.id)?.upgrades ?? [];
        work[host.name] = withUpgrades(work[host.name] ?? [], upgrades, input.versions);
      }
    }
    return { plan, work };
  }

  const commanded = (id: number, command: () => unknown): RolloutView => {
    command();
    return view(id);
  };

  const view = (id: number): RolloutView => {
    const rollout = engine.rollout(id);
    const records = rollouts.hosts(id);
    return {
      ...summary(rollout, records),
      plan: rollout.plan,
      hosts: records.map(hostView),
      approved: rollouts.approvedRings(id),
      waitingUntil: waitingUntil(rollout, records),
    };
  };

  /** Running, with the next batch not started: when its window lets it start, if that is later. */
  const waitingUntil = (rollout: RolloutRecord, records: readonly HostRecord[]): string | null => {
    const { status, cursor } = rollout.state;
    if (status !== 'running') return null;
    const batch = records.filter((h) => h.cursor.ring === cursor.ring && h.cursor.batch === cursor.batch);
    const planned = rollout.plan.rings[cursor.ring]?.batches[cursor.batch];
    if (!planned || !batch.every((host) => host.run.phase === 'pending')) return null;
    const now = deps.clock().getTime();
    const when = batchStartAt(planned.window, now, rollout.policy);
    return 'at' in when && when.at > now ? new Date(when.at).toISOString() : null;
  };

  return {
    /** The plan a rollout of this scope would run, as `start` would make it now. */
    plan: (scope: RolloutScope): Plan => planFor(scope, fleetHosts()),
    /**
     * Plans the chosen fixes and starts running the plan. `done` settles when the engine stops
     * driving it (over, or waiting for an admin); the caller may ignore it.
     */
    start(input: RolloutStart, ctx: CallContext): { rolloutId: number; done: Promise<void> } {
      const { version } = graph.head();
      const { plan, work } = prepare(input);
      const site = plans.policy();
      const windows = { windows: site.windows, timeZone: site.timeZone, batchMinutes: site.batchMinutes };
      return engine.start(
        {
          plan,
          policy: {
            failureThreshold: input.failureThreshold,
            windows,
            ...(input.notBefore ? { notBefore: input.notBefore } : {}),
          },
          graphVersion: version,
          work,
        },
        ctx,
      );
    },
    /**
     * What the rollout would change on each host, asked of the hosts themselves (apt-get -s, dnf
     * --assumeno) and changing nothing: the admin's look before starting.
     */
    async dryRun(input: RolloutStart): Promise<HostDryRun[]> {
      if (!ssh) throw new AppError('internal', 'Dry runs need the SSH executors');
      const { plan, work } = prepare(input);
      return runBounded(plannedHosts(plan), 8, async (host) => {
        const outcome = await ssh.dryRun(host, work[host] ?? []);
        return outcome.kind === 'ok'
          ? { host, changes: outcome.changes, error: null }
          : { host, changes: [], error: outcome.reason };
      });
    },
    get: view,
    list: (limit: number): RolloutSummary[] =>
      engine.list(limit).map((rollout) => summary(rollout, rollouts.hosts(rollout.id))),
    steps: (id: number, host?: string) => {
      engine.rollout(id);
      return engine.steps(id, host);
    },
    approve(id: number, ring: string, ctx: CallContext): RolloutView {
      engine.approve(id, ring, ctx);
      return view(id);
    },
    // An admin's command, answered with the rollout as it is after it.
    pause: (id: number, ctx: CallContext): RolloutView => commanded(id, () => engine.pause(id, ctx)),
    resume: (id: number, ctx: CallContext): RolloutView => commanded(id, () => engine.resume(id, ctx)),
    cancel: (id: number, ctx: CallContext): RolloutView => commanded(id, () => engine.cancel(id, ctx)),
    rollBack: (id: number, ctx: CallContext): RolloutView => commanded(id, () => engine.rollBack(id, ctx)),
    /** Resolves when the rollout needs nothing but an admin (paused, awaiting approval, or over). */
    settled: (id: number): Promise<void> => engine.settled(id),
    reconcile: () => engine.reconcile(),
    stop: (): void => {
      engine.stop();
    },
    /** The one not finished, if any: what `rollout status` and the Rollouts page show first. */
    current(): RolloutView | null {
      const open = rollouts.unfinished()[0] ?? engine.list(1)[0];
      return open ? view(open.id) : null;
    },
  };
}

export type RolloutService = ReturnType<typeof createRolloutService>;

export const mustRollout = (found: RolloutView | null): RolloutView => {
  if (!found) throw new AppError('not_found', 'No rollout has been started yet');
  return found;
};
