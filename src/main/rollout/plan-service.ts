import type Database from 'better-sqlite3';
import {
  DEFAULT_ROLLOUT_POLICY,
  rolloutPolicySchema,
  SEVERITY_LEVELS,
  type Plan,
  type RolloutPolicy,
  type SeverityLevel,
} from '../../shared/domain/plan';
import { AppError } from '../../shared/result';
import { windowsFromICalendar, type ICalendarWindows } from '../domain/plan/ical-windows';
import { ringApproval, severityLevel, severityOfScore, type FixFacts } from '../domain/plan/approval';
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
  /** When these advisories were released, by id (unknown ones absent). */
  released: (ids: readonly string[]) => Map<string, string>;
  /** A CVE's CVSS base score (the one the risk score uses), or null. */
  cvssScore: (cve: string) => number | null;
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
export function createPlanService({ db, hosts, graph, queue, audit, events, clock, released, cvssScore }: Deps) {
  /**
   * What the approval rules ask of each chosen fix: the queue's fixes close vulnerabilities, at
   * the highest severity their findings carry; `otherUpdates` stands for the rest of what
   * `--all-updates` installs, of no known severity or date.
   */
  function fixFacts(fixes: readonly string[], otherUpdates: boolean): FixFacts[] {
    const rank = (level: SeverityLevel): number => SEVERITY_LEVELS.indexOf(level);
    const severities = new Map<string, SeverityLevel>();
    const chosen = new Set(fixes);
    for (const finding of queue.findings()) {
      if (!chosen.has(finding.advisory)) continue;
      // The advisory's own word, else the worst CVSS score of the CVEs it closes.
      const level =
        severityLevel(finding.severity) ??
        severityOfScore(Math.max(0, ...finding.cves.map((cve) => cvssScore(cve) ?? 0)));
      const held = severities.get(finding.advisory);
      if (level && (!held || rank(level) > rank(held))) severities.set(finding.advisory, level);
    }
    const dates = released(fixes);
    const facts: FixFacts[] = fixes.map((fix) => ({
      fix,
      classification: 'security',
      severity: severities.get(fix) ?? null,
      published: dates.get(fix) ?? null,
    }));
    if (otherUpdates)
      facts.push({ fix: 'the other pending updates', classification: 'other', severity: null, published: null });
    return facts;
  }

  /** The gated rings the policy's approval rules approve for these fixes, now: no admin needed. */
  function approvedByRules(plan: Plan, site: RolloutPolicy, factsOf: () => readonly FixFacts[]): Plan {
    // Most sites have no rules, or no gated ring in this plan: then no finding is read.
    if (site.approvalRules.length === 0 || !plan.rings.some((ring) => ring.approval)) return plan;
    const facts = factsOf();
    const now = clock();
    const warnings = [...plan.warnings];
    const rings = plan.rings.map((ring) => {
      if (!ring.approval) return ring;
      const verdict = ringApproval(ring.name, facts, site.approvalRules, now);
      if ('approvedBy' in verdict) return { ...ring, approval: false, approvedBy: verdict.approvedBy };
      // The admin should know why the rules did not approve it.
      warnings.push(`Ring ${ring.name} waits for an admin's approval: ${verdict.waits}`);
      return ring;
    });
    return { ...plan, rings, warnings };
  }

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
    plan(
      fixes: readonly string[],
      only?: readonly string[],
      options: { otherUpdates?: boolean; notBefore?: string } = {},
    ): Plan {
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
      const site = policy();
      // Scheduled for later, the slots are found from then on.
      const now = clock();
      const start =
        options.notBefore && Date.parse(options.notBefore) > now.getTime() ? new Date(options.notBefore) : now;
      const plan = planRollout({ hosts: selected, graph: graph.current(), policy: site, start });
      const chosen = items.filter((item) => wanted.size === 0 || wanted.has(item.fix)).map((item) => item.fix);
      return approvedByRules(plan, site, () => fixFacts(chosen, options.otherUpdates ?? false));
    },
  };
}

export type PlanService = ReturnType<typeof createPlanService>;
