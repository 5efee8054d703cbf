import type Database from 'better-sqlite3';
import { DEFAULT_ROLLOUT_POLICY, rolloutPolicySchema, type Plan, type RolloutPolicy } from '../../shared/domain/plan';
import { AppError } from '../../shared/result';
import { windowsFromICalendar, type ICalendarWindows } from '../domain/plan/ical-windows';
import { planRollout } from '../domain/plan/planner';
import type { HostService } from '../fleet/host-service';
import type { GraphService } from '../graph/graph-service';
import type { CallContext, Clock, EventSink } from '../ports';
import type { QueueService } from '../queue/queue-service';
import type { AuditRepo } from '../store/audit-repo';

interface Deps {
  db: Database.Database;
  hosts: HostService;
  graph: GraphService;
  queue: QueueService;
  audit: AuditRepo;
  events: EventSink;
  clock: Clock;
}

/** A time zone Intl knows; anything else would only fail when a plan is made. */
function knownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function assertTimeZone(zone: string): void {
  if (!knownTimeZone(zone))
    throw new AppError('invalid_input', `${zone} is not a time zone this machine knows (e.g. Europe/Berlin)`, {
      timeZone: 'Not a known time zone',
    });
}

/**
 * Plans for the queue: the hosts the chosen fixes cover (every fix in the queue when none is
 * chosen), rolled out by the site's policy over the current service graph.
 */
export function createPlanService({ db, hosts, graph, queue, audit, events, clock }: Deps) {
  const read = db.prepare<[], { document: string }>('SELECT document FROM rollout_policy WHERE id = 1');
  const write = db.prepare(
    `INSERT INTO rollout_policy (id, document, updated_at, updated_by) VALUES (1, @document, @at, @by)
     ON CONFLICT (id) DO UPDATE SET document = @document, updated_at = @at, updated_by = @by`,
  );
  const policy = (): RolloutPolicy => {
    const row = read.get();
    return row ? rolloutPolicySchema.parse(JSON.parse(row.document)) : DEFAULT_ROLLOUT_POLICY;
  };
  return {
    policy,

    /** The weekly windows an iCalendar file describes, written in `timeZone`; nothing is saved. */
    windowsFromICalendar(text: string, timeZone: string): ICalendarWindows {
      assertTimeZone(timeZone);
      return windowsFromICalendar(text, timeZone);
    },

    setPolicy(next: RolloutPolicy, ctx: CallContext): RolloutPolicy {
      assertTimeZone(next.timeZone);
      const entry = db.transaction(() => {
        write.run({ document: JSON.stringify(next), at: clock().toISOString(), by: ctx.actor });
        return audit.append({ actor: ctx.actor, action: 'policy.update', target: 'rollout-policy', details: next });
      })();
      events('audit.entry', { seq: entry.seq, action: entry.action });
      return policy();
    },

    /**
     * The plan for these fixes of the queue (all of them when the list is empty), on these hosts
     * of the ones they cover (all of them when left out).
     */
    plan(fixes: readonly string[], only?: readonly string[]): Plan {
      const items = queue.items();
      const wanted = new Set(fixes);
      const missing = fixes.filter((fix) => !items.some((item) => item.fix === fix));
      if (missing.length > 0)
        throw new AppError('not_found', `Not in the patch queue now: ${missing.slice(0, 10).join(', ')}`);
      const names = new Set(items.filter((item) => wanted.size === 0 || wanted.has(item.fix)).flatMap((i) => i.hosts));
      if (only) {
        const unknown = only.filter((name) => !hosts.list().some((host) => host.name === name));
        if (unknown.length > 0) throw new AppError('not_found', `Not in the fleet: ${unknown.slice(0, 10).join(', ')}`);
        const chosen = new Set(only);
        for (const name of names) if (!chosen.has(name)) names.delete(name);
      }
      const selected = hosts
        .list()
        .filter((host) => names.has(host.name))
        .map((host) => ({ name: host.name, ring: host.ring }));
      return planRollout({ hosts: selected, graph: graph.current(), policy: policy(), start: clock() });
    },
  };
}

export type PlanService = ReturnType<typeof createPlanService>;
