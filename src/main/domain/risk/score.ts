import { CRITICALITIES, type Criticality, type Exposure } from '../../../shared/domain/host';
import {
  AUTOMATABLES,
  cisaCoordinatorDecision,
  EXPLOITATIONS,
  TECHNICAL_IMPACTS,
  exploitationOf,
  missionWellBeing,
  type Automatable,
  type CisaLevel,
  type Exploitation,
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

/** Red Hat-family errata ratings and Debian's urgencies, on CVSS's scale. */
const SEVERITY_SCORE: Readonly<Record<string, number>> = {
  Critical: 9.5,
  Important: 7.5,
  High: 7.5,
  Moderate: 5,
  Medium: 5,
  Low: 2.5,
  Unimportant: 1,
};
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

/** What the queue keeps of each finding while it ranks: written into one reused object. */
export interface QuickRisk {
  score: number;
  ssvc: CisaLevel;
  due: string | null;
}

export interface RiskScorer {
  (input: RiskInput, options?: { explain: boolean }): Risk;
  /**
   * The same score, decision and date for a finding without a CVSS vector, from its parts and
   * without allocating: a queue ranks millions of findings and explains one per fix.
   */
  quick(
    into: QuickRisk,
    rating: string | null,
    kev: RiskInput['kev'],
    epssProbability: number | null,
    exposure: Exposure,
    criticality: Criticality,
  ): QuickRisk;
}

/** Points per factor: the one place the weights are worked out, for scoring and explaining alike. */
interface Weights {
  severity: number;
  kev: number;
  ransomware: number;
  epss: number;
  exposure: number;
  criticality: number;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

const severityPoints = (cvss: number | null, rating: string | null): number =>
  round1((cvss ?? SEVERITY_SCORE[rating ?? ''] ?? 5) * 4);
const kevPoints = (kev: RiskInput['kev']): number => (kev ? 25 : 0);
const ransomwarePoints = (kev: RiskInput['kev']): number => (kev?.ransomware === 'known' ? 5 : 0);
const epssPoints = (probability: number | null): number => (probability === null ? 0 : round1(probability * 20));
const isCritical = (cvss: number | null, rating: string | null): boolean =>
  (cvss ?? SEVERITY_SCORE[rating ?? ''] ?? 0) >= 9;

function weightsOf(input: RiskInput): Weights {
  return {
    severity: severityPoints(input.cvss?.score ?? null, input.severity),
    kev: kevPoints(input.kev),
    ransomware: ransomwarePoints(input.kev),
    epss: epssPoints(input.epss?.probability ?? null),
    exposure: EXPOSURE_WEIGHT[input.host.exposure],
    criticality: CRITICALITY_WEIGHT[input.host.criticality],
  };
}

/** Every weight in words, for the why panel. */
function explain(input: RiskInput, w: Weights, ssvc: SsvcDecision): RiskFactor[] {
  const { kev, epss, cvss } = input;
  const severity = cvss
    ? `CVSS ${cvss.score.toFixed(1)}`
    : input.severity
      ? `distribution rating ${input.severity}`
      : 'no rating (taken as medium)';
  const { exploitation, automatable, technicalImpact, missionWellBeing: mwb } = ssvc.inputs;
  return [
    { factor: 'severity', detail: severity, weight: w.severity },
    ...(kev ? [{ factor: 'kev', detail: `exploited in the wild (CISA KEV, due ${kev.dueDate})`, weight: w.kev }] : []),
    ...(w.ransomware > 0 ? [{ factor: 'kev', detail: 'used in ransomware campaigns', weight: w.ransomware }] : []),
    ...(epss
      ? [
          {
            factor: 'epss',
            detail: `EPSS ${(epss.probability * 100).toFixed(1)} % chance of exploitation in 30 days (percentile ${(epss.percentile * 100).toFixed(0)})`,
            weight: w.epss,
          },
        ]
      : []),
    { factor: 'exposure', detail: input.host.exposure, weight: w.exposure },
    { factor: 'criticality', detail: `host criticality ${input.host.criticality}`, weight: w.criticality },
    {
      factor: 'ssvc',
      detail: `SSVC ${ssvc.outcome} (exploitation ${exploitation}, automatable ${automatable}, technical impact ${technicalImpact}, mission and well-being ${mwb})`,
      weight: 0,
    },
  ];
}

type SsvcDecision = ReturnType<typeof cisaCoordinatorDecision>;

/**
 * A scorer for one moment and policy: the policy's deadlines and the 36 possible SSVC decisions
 * are worked out once. Without `explain` it returns no factors, only the score, decision and
 * date: a queue scores a million findings and explains one per fix.
 */
export function riskScorer(now: Date, policy: SlaPolicy = DEFAULT_SLA): RiskScorer {
  const deadlines = {
    act: addHours(now, policy.actHours),
    attend: addHours(now, policy.attendDays * 24),
    criticalInternetFacing: addHours(now, policy.criticalInternetFacingDays * 24),
  };
  // Indexed by the inputs' positions in their value lists: no key to build per finding.
  const decisions: (SsvcDecision | undefined)[] = [];
  const decideFrom = (
    exploitation: Exploitation,
    automatable: Automatable,
    technicalImpact: TechnicalImpact,
    criticality: Criticality,
  ): SsvcDecision => {
    const slot =
      ((EXPLOITATIONS.indexOf(exploitation) * 2 + AUTOMATABLES.indexOf(automatable)) * 2 +
        TECHNICAL_IMPACTS.indexOf(technicalImpact)) *
        CRITICALITIES.length +
      CRITICALITIES.indexOf(criticality);
    let decision = decisions[slot];
    if (decision === undefined) {
      const mwb = missionWellBeing(PREVALENCE_OF[criticality], 'minimal').outcome;
      decision = cisaCoordinatorDecision({ exploitation, automatable, technicalImpact, missionWellBeing: mwb });
      decisions[slot] = decision;
    }
    return decision;
  };
  const decide = (input: RiskInput): SsvcDecision =>
    decideFrom(
      exploitationOf({ inKev: input.kev !== null, publicExploit: false }),
      automatableOf(input.cvss?.vector),
      technicalImpactOf(input.cvss?.vector),
      input.host.criticality,
    );
  const kevDue = new Map<string, string>();
  const dueOf = (kev: RiskInput['kev'], ssvc: CisaLevel, critical: boolean, exposure: Exposure): string | null => {
    let due: string | null = null;
    if (policy.kevByDueDate && kev) {
      due = kevDue.get(kev.dueDate) ?? `${kev.dueDate}T23:59:59.000Z`;
      kevDue.set(kev.dueDate, due);
    }
    const ssvcDue = ssvc === 'Act' ? deadlines.act : ssvc === 'Attend' ? deadlines.attend : null;
    if (ssvcDue !== null && (due === null || ssvcDue < due)) due = ssvcDue;
    if (critical && exposure === 'internet-facing' && (due === null || deadlines.criticalInternetFacing < due))
      due = deadlines.criticalInternetFacing;
    return due;
  };
  const score = (input: RiskInput, options = { explain: true }): Risk => {
    const w = weightsOf(input);
    const ssvc = decide(input);
    const sum = w.severity + w.kev + w.ransomware + w.epss + w.exposure + w.criticality;
    const critical = isCritical(input.cvss?.score ?? null, input.severity);
    return {
      score: Math.min(100, round1(sum)),
      ssvc: ssvc.outcome,
      due: dueOf(input.kev, ssvc.outcome, critical, input.host.exposure),
      factors: options.explain ? explain(input, w, ssvc) : [],
    };
  };
  const quick: RiskScorer['quick'] = (into, rating, kev, epssProbability, exposure, criticality) => {
    const sum =
      severityPoints(null, rating) +
      kevPoints(kev) +
      ransomwarePoints(kev) +
      epssPoints(epssProbability) +
      EXPOSURE_WEIGHT[exposure] +
      CRITICALITY_WEIGHT[criticality];
    const ssvc = decideFrom(kev !== null ? 'active' : 'none', 'no', 'partial', criticality).outcome;
    into.score = Math.min(100, round1(sum));
    into.ssvc = ssvc;
    into.due = dueOf(kev, ssvc, isCritical(null, rating), exposure);
    return into;
  };
  return Object.assign(score, { quick });
}

/** One (host, CVE) scored and explained. */
export function scoreRisk(input: RiskInput, now: Date, policy: SlaPolicy = DEFAULT_SLA): Risk {
  return riskScorer(now, policy)(input);
}
