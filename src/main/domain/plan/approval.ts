import type { Ring } from '../../../shared/domain/host';
import { SEVERITY_LEVELS, type ApprovalRule, type SeverityLevel } from '../../../shared/domain/plan';

/** What an approval rule asks of a fix. */
export interface FixFacts {
  fix: string;
  /** The queue's fixes close vulnerabilities; `other` is the rest of what a rollout may install. */
  classification: 'security' | 'other';
  severity: SeverityLevel | null;
  /** When its advisory was released (ISO), or null when no feed says. */
  published: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A vendor's severity word on the common scale: Debian's high is Red Hat's important, and so on. */
export function severityLevel(word: string | null | undefined): SeverityLevel | null {
  switch (word?.trim().toLowerCase()) {
    case 'critical':
      return 'critical';
    case 'important':
    case 'high':
      return 'important';
    case 'moderate':
    case 'medium':
      return 'moderate';
    case 'low':
    case 'negligible':
    case 'unimportant':
      return 'low';
    default:
      return null;
  }
}

/**
 * A CVSS base score on the same scale, for advisories that give no severity of their own
 * (Debian's): CVSS v3's bands, its high read as important.
 */
export function severityOfScore(score: number | null | undefined): SeverityLevel | null {
  if (score === null || score === undefined || score <= 0) return null;
  if (score >= 9) return 'critical';
  if (score >= 7) return 'important';
  return score >= 4 ? 'moderate' : 'low';
}

/** `security fixes of important severity or above, 3 days after release` */
export function ruleText(rule: ApprovalRule): string {
  const kind = rule.classification === 'security' ? 'security fixes' : 'updates';
  const age =
    rule.afterDays === 0
      ? 'once released'
      : `${String(rule.afterDays)} day${rule.afterDays === 1 ? '' : 's'} after release`;
  return `${kind} of ${rule.minSeverity} severity or above, ${age}`;
}

/** Why a rule does not cover a fix, or null when it does. */
function shortfall(rule: ApprovalRule, fact: FixFacts, now: Date): string | null {
  if (rule.classification === 'security' && fact.classification !== 'security') return 'not a security fix';
  if (fact.severity === null) return 'no severity given';
  if (SEVERITY_LEVELS.indexOf(fact.severity) < SEVERITY_LEVELS.indexOf(rule.minSeverity))
    return `${fact.severity} severity`;
  if (rule.afterDays === 0) return null;
  if (fact.published === null) return 'no release date given';
  const days = Math.floor((now.getTime() - Date.parse(fact.published)) / DAY_MS);
  return days >= rule.afterDays ? null : `released ${String(Math.max(0, days))} day${days === 1 ? '' : 's'} ago`;
}

/**
 * Whether a gated ring's approval rules approve it for these fixes: every fix must be covered by
 * one of the rules that name the ring. Approved: the rules used, in words; else why not, naming
 * the first fixes left over. Pure.
 */
export function ringApproval(
  ring: Ring,
  fixes: readonly FixFacts[],
  rules: readonly ApprovalRule[],
  now: Date,
): { approvedBy: string } | { waits: string } {
  const mine = rules.filter((rule) => rule.rings.includes(ring));
  if (mine.length === 0) return { waits: `no approval rule covers ring ${ring}` };
  if (fixes.length === 0) return { waits: 'no fixes to judge' };
  const used = new Set<ApprovalRule>();
  const left: string[] = [];
  for (const fact of fixes) {
    const covering = mine.find((rule) => shortfall(rule, fact, now) === null);
    if (covering) used.add(covering);
    else left.push(`${fact.fix} (${shortfall(mine[0] as ApprovalRule, fact, now) ?? 'not covered'})`);
  }
  if (left.length > 0)
    return {
      waits: `not covered by the approval rules: ${left.slice(0, 3).join(', ')}${left.length > 3 ? `, and ${String(left.length - 3)} more` : ''}`,
    };
  return { approvedBy: [...used].map(ruleText).join('; ') };
}
