import type { Criticality, Exposure } from '../../../shared/domain/host';
import {
  cisaCoordinatorDecision,
  exploitationOf,
  missionWellBeing,
  type Automatable,
  type CisaLevel,
  type MissionPrevalence,
  type TechnicalImpact,
} from './ssvc';

/**
 * Risk of one vulnerability on one host, factor by factor, so the admin can see why a fix ranks
 * where it does. The score (0-100) adds weighted factors; the SSVC decision and the due date
 * come from their own rules, not from the score.
 */
export interface RiskInput {
  cve: string;
  /** The distribution's rating of the advisory: Critical, Important, Moderate, Low. */
  severity: string | null;
  /** CVSS base score and vector when a feed gave one (NVD); null until then. */
  cvss: { score: number; vector: string } | null;
  kev: { dueDate: string; ransomware: 'known' | 'unknown' } | null;
  epss: { probability: number; percentile: number } | null;
  host: { exposure: Exposure; criticality: Criticality };
}

export interface RiskFactor {
  /** kev, epss, severity, exposure, criticality, ssvc */
  factor: string;
  /** What was seen, in words. */
  detail: string;
  /** Points it adds to the score. */
  weight: number;
}

export interface Risk {
  score: number;
  ssvc: CisaLevel;
  /** The SLA due date (ISO) by the policy, or null when the policy sets none. */
  due: string | null;
  factors: RiskFactor[];
}

/** The site's SLA policy; editable later, these are the defaults the issue names. */
export interface SlaPolicy {
  /** A KEV entry is due by its KEV due date. */
  kevByDueDate: boolean;
  actHours: number;
  criticalInternetFacingDays: number;
  attendDays: number;
}

export const DEFAULT_SLA: SlaPolicy = {
  kevByDueDate: true,
  actHours: 48,
  criticalInternetFacingDays: 7,
  attendDays: 30,
};

const SEVERITY_SCORE: Readonly<Record<string, number>> = { Critical: 9.5, Important: 7.5, Moderate: 5, Low: 2.5 };
const EXPOSURE_WEIGHT: Readonly<Record<Exposure, number>> = { 'internet-facing': 10, internal: 3, isolated: 0 };
const CRITICALITY_WEIGHT: Readonly<Record<Criticality, number>> = { critical: 6, high: 4, medium: 2, low: 0 };
/** How much the loss of the host matters to the site's mission, in SSVC's words. */
const PREVALENCE_OF: Readonly<Record<Criticality, MissionPrevalence>> = {
  critical: 'essential',
  high: 'essential',
  medium: 'support',
  low: 'minimal',
};

/** CVSS 3.x's network, low-complexity, no-privilege, no-interaction vectors are what SSVC calls automatable. */
function automatableOf(vector: string | undefined): Automatable {
  return vector !== undefined && ['AV:N', 'AC:L', 'PR:N', 'UI:N'].every((part) => vector.includes(part)) ? 'yes' : 'no';
}

/** Total when the vector gives high confidentiality, integrity and availability impact; partial otherwise or unknown. */
function technicalImpactOf(vector: string | undefined): TechnicalImpact {
  return vector !== undefined && ['C:H', 'I:H', 'A:H'].every((part) => vector.includes(part)) ? 'total' : 'partial';
}

const addHours = (from: Date, hours: number): string => new Date(from.getTime() + hours * 3_600_000).toISOString();

export function scoreRisk(input: RiskInput, now: Date, policy: SlaPolicy = DEFAULT_SLA): Risk {
  const factors: RiskFactor[] = [];
  const severity = input.cvss?.score ?? SEVERITY_SCORE[input.severity ?? ''] ?? 5;
  const severitySource = input.cvss
    ? `CVSS ${input.cvss.score.toFixed(1)}`
    : input.severity
      ? `distribution rating ${input.severity}`
      : 'no rating (taken as medium)';
  factors.push({ factor: 'severity', detail: severitySource, weight: Math.round(severity * 4 * 10) / 10 });
  if (input.kev) {
    factors.push({ factor: 'kev', detail: `exploited in the wild (CISA KEV, due ${input.kev.dueDate})`, weight: 25 });
    if (input.kev.ransomware === 'known')
      factors.push({ factor: 'kev', detail: 'used in ransomware campaigns', weight: 5 });
  }
  if (input.epss) {
    const { probability, percentile } = input.epss;
    factors.push({
      factor: 'epss',
      detail: `EPSS ${(probability * 100).toFixed(1)} % chance of exploitation in 30 days (percentile ${(percentile * 100).toFixed(0)})`,
      weight: Math.round(probability * 20 * 10) / 10,
    });
  }
  factors.push({ factor: 'exposure', detail: input.host.exposure, weight: EXPOSURE_WEIGHT[input.host.exposure] });
  factors.push({
    factor: 'criticality',
    detail: `host criticality ${input.host.criticality}`,
    weight: CRITICALITY_WEIGHT[input.host.criticality],
  });
  const ssvc = cisaCoordinatorDecision({
    exploitation: exploitationOf({ inKev: input.kev !== null, publicExploit: false }),
    automatable: automatableOf(input.cvss?.vector),
    technicalImpact: technicalImpactOf(input.cvss?.vector),
    missionWellBeing: missionWellBeing(PREVALENCE_OF[input.host.criticality], 'minimal').outcome,
  });
  const { exploitation, automatable, technicalImpact, missionWellBeing: mwb } = ssvc.inputs;
  factors.push({
    factor: 'ssvc',
    detail: `SSVC ${ssvc.outcome} (exploitation ${exploitation}, automatable ${automatable}, technical impact ${technicalImpact}, mission and well-being ${mwb})`,
    weight: 0,
  });
  const score = Math.min(100, Math.round(factors.reduce((sum, f) => sum + f.weight, 0) * 10) / 10);
  return { score, ssvc: ssvc.outcome, due: dueDate(input, ssvc.outcome, now, policy), factors };
}

/** The earliest date any rule of the policy sets. */
function dueDate(input: RiskInput, ssvc: CisaLevel, now: Date, policy: SlaPolicy): string | null {
  const dates: string[] = [];
  if (policy.kevByDueDate && input.kev) dates.push(`${input.kev.dueDate}T23:59:59.000Z`);
  if (ssvc === 'Act') dates.push(addHours(now, policy.actHours));
  if (ssvc === 'Attend') dates.push(addHours(now, policy.attendDays * 24));
  const critical = (input.cvss?.score ?? SEVERITY_SCORE[input.severity ?? ''] ?? 0) >= 9;
  if (critical && input.host.exposure === 'internet-facing')
    dates.push(addHours(now, policy.criticalInternetFacingDays * 24));
  return dates.length === 0 ? null : dates.reduce((a, b) => (a < b ? a : b));
}
