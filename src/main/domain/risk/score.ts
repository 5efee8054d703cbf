import type { CompensatingControl } from '../../../shared/domain/controls';
import { CRITICALITIES, type Criticality, type Exposure } from '../../../shared/domain/host';
import { controlMask, controlledSeverity, controlsOf, type ControlledSeverity, type Severity } from './controls';
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
  host: { exposure: Exposure; criticality: Criticality; controls?: readonly CompensatingControl[] };
}

/**
 * One factor of a score. A factor that takes few values (a rating or CVSS score, a KEV date, the
 * host's exposure or criticality, the SSVC decision) is made once per value by a scorer and
 * shared, frozen: a queue explains tens of thousands of fixes with a few hundred of them.
 */
export interface RiskFactor {
  /** kev, epss, severity, controls, exposure, criticality, ssvc */
  factor: string;
  /** What was seen, in words. */
  detail: string;
  /** Points it adds to the score (compensating controls take points off). */
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

/** A vulnerability as the feeds and its advisory describe it, before it is placed on a host. */
export type VulnerabilityInput = Pick<RiskInput, 'severity' | 'cvss' | 'kev' | 'epss'>;

/**
 * What a score takes from the vulnerability alone, worked out once per CVE and rating: a queue
 * places each one on thousands of hosts, which differ only in exposure and criticality.
 */
export interface VulnerabilityRisk {
  /** Severity, KEV, ransomware and EPSS points, summed in the order the full score sums them. */
  points: number;
  /** Critical by CVSS or by rating: internet-facing hosts get the short deadline. */
  critical: boolean;
  /** The KEV due date as an instant, when the policy follows it. */
  kevDue: string | null;
  /** Its row of SSVC decisions (exploitation, automatable, technical impact); criticality picks the column. */
  decisions: number;
  /** The row once a control has made the attack harder: not automatable any more. */
  decisionsControlled: number;
  /** The severity the points were worked out from, for the controls to modify. */
  severity: Severity;
  /** What each set of controls (by mask) does to it, worked out the first time a host has that set. */
  controlled: (ControlAdjustment | undefined)[] | null;
}

/** A vulnerability's score as a set of compensating controls changes it. */
export interface ControlAdjustment {
  /** Points the controls take off the severity factor: zero or less. */
  delta: number;
  critical: boolean;
  decisions: number;
  severity: ControlledSeverity;
}

export interface RiskScorer {
  (input: RiskInput, options?: { explain: boolean }): Risk;
  /** The host-independent part of a score. */
  vulnerability(input: VulnerabilityInput): VulnerabilityRisk;
  /**
   * The same score, decision and date as the full scorer, for a vulnerability on a host of this
   * exposure and criticality, without allocating: a queue ranks millions of findings and
   * explains one per fix.
   */
  onHost(
    into: QuickRisk,
    vulnerability: VulnerabilityRisk,
    exposure: Exposure,
    criticality: Criticality,
    controls?: number,
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

/** The score severity counts from: CVSS when a feed gave it, else the rating, else medium. */
const severityScore = (cvss: number | null, rating: string | null): number => cvss ?? SEVERITY_SCORE[rating ?? ''] ?? 5;
const severityPoints = (cvss: number | null, rating: string | null): number => round1(severityScore(cvss, rating) * 4);
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

/** Made once per kind and value (see RiskFactor), then the same frozen object every time. */
type SharedFactor = (kind: string, value: unknown, make: () => RiskFactor) => RiskFactor;

function sharedFactors(): SharedFactor {
  const made = new Map<string, Map<unknown, RiskFactor>>();
  return (kind, value, make) => {
    let ofKind = made.get(kind);
    if (ofKind === undefined) made.set(kind, (ofKind = new Map<unknown, RiskFactor>()));
    let factor = ofKind.get(value);
    if (factor === undefined) ofKind.set(value, (factor = Object.freeze(make())));
    return factor;
  };
}

/** Every weight in words, for the why panel. Only EPSS, with its two numbers, is written each time. */
function explain(
  input: RiskInput,
  w: Weights,
  ssvc: SsvcDecision,
  controls: ControlAdjustment | null,
  shared: SharedFactor,
): RiskFactor[] {
  const { kev, epss, cvss, host } = input;
  const severity = cvss
    ? shared('cvss', cvss.score, () => ({
        factor: 'severity',
        detail: `CVSS ${cvss.score.toFixed(1)}`,
        weight: w.severity,
      }))
    : shared('rating', input.severity, () => ({
        factor: 'severity',
        detail: input.severity ? `distribution rating ${input.severity}` : 'no rating (taken as medium)',
        weight: w.severity,
      }));
  // Pushed one by one rather than spread from optional arrays: a queue explains a fix per row.
  const factors: RiskFactor[] = [severity];
  if (kev)
    factors.push(
      shared('kev', kev.dueDate, () => ({
        factor: 'kev',
        detail: `exploited in the wild (CISA KEV, due ${kev.dueDate})`,
        weight: w.kev,
      })),
    );
  if (w.ransomware > 0)
    factors.push(
      shared('ransomware', w.ransomware, () => ({
        factor: 'kev',
        detail: 'used in ransomware campaigns',
        weight: w.ransomware,
      })),
    );
  if (controls) factors.push(controlsFactor(input, controls, shared));
  if (epss)
    factors.push({
      factor: 'epss',
      detail: `EPSS ${(epss.probability * 100).toFixed(1)} % chance of exploitation in 30 days (percentile ${(epss.percentile * 100).toFixed(0)})`,
      weight: w.epss,
    });
  factors.push(
    shared('exposure', host.exposure, () => ({ factor: 'exposure', detail: host.exposure, weight: w.exposure })),
    shared('criticality', host.criticality, () => ({
      factor: 'criticality',
      detail: `host criticality ${host.criticality}`,
      weight: w.criticality,
    })),
    shared('ssvc', ssvc, () => {
      const { exploitation, automatable, technicalImpact, missionWellBeing: mwb } = ssvc.inputs;
      return {
        factor: 'ssvc',
        detail: `SSVC ${ssvc.outcome} (exploitation ${exploitation}, automatable ${automatable}, technical impact ${technicalImpact}, mission and well-being ${mwb})`,
        weight: 0,
      };
    }),
  );
  return factors;
}

type SsvcDecision = ReturnType<typeof cisaCoordinatorDecision>;

/** What a host's compensating controls did to a vulnerability's severity, in words. */
function controlsFactor(input: RiskInput, adjustment: ControlAdjustment, shared: SharedFactor): RiskFactor {
  const { score, modified, assumed } = adjustment.severity;
  const names = controlsOf(controlMask(input.host.controls)).join(', ');
  const before = input.cvss
    ? `CVSS ${input.cvss.score.toFixed(1)}`
    : `severity ${severityScore(null, input.severity).toFixed(1)}`;
  const key = `${names}|${before}|${input.cvss?.vector ?? ''}`;
  return shared('controls', key, () => ({
    factor: 'controls',
    detail:
      modified.length === 0
        ? `compensating controls ${names}: no effect on this attack`
        : `compensating controls ${names}: ${before} to ${score.toFixed(1)} (${modified.join(', ')}${
            assumed ? '; no CVSS vector, a network attack assumed' : ', environmental'
          })`,
    weight: adjustment.delta,
  }));
}

/**
 * Every SSVC decision a score can reach, in rows of exploitation, automatable and technical
 * impact, with a column per criticality: 48 table lookups, so none is made per finding.
 */
function decisionTable(): SsvcDecision[] {
  const table: SsvcDecision[] = [];
  for (const exploitation of EXPLOITATIONS)
    for (const automatable of AUTOMATABLES)
      for (const technicalImpact of TECHNICAL_IMPACTS)
        for (const criticality of CRITICALITIES) {
          const mwb = missionWellBeing(PREVALENCE_OF[criticality], 'minimal').outcome;
          table.push(cisaCoordinatorDecision({ exploitation, automatable, technicalImpact, missionWellBeing: mwb }));
        }
  return table;
}

const decisionRow = (exploitation: Exploitation, automatable: Automatable, technicalImpact: TechnicalImpact): number =>
  ((EXPLOITATIONS.indexOf(exploitation) * AUTOMATABLES.length + AUTOMATABLES.indexOf(automatable)) *
    TECHNICAL_IMPACTS.length +
    TECHNICAL_IMPACTS.indexOf(technicalImpact)) *
  CRITICALITIES.length;

/**
 * A scorer for one moment and policy: the policy's deadlines and the SSVC decisions are worked
 * out once. Without `explain` it returns no factors, only the score, decision and date: a queue
 * scores a million findings and explains one per fix.
 */
export function riskScorer(now: Date, policy: SlaPolicy = DEFAULT_SLA): RiskScorer {
  const deadlines = {
    act: addHours(now, policy.actHours),
    attend: addHours(now, policy.attendDays * 24),
    criticalInternetFacing: addHours(now, policy.criticalInternetFacingDays * 24),
  };
  const decisions = decisionTable();
  const shared = sharedFactors();
  const decisionOf = (row: number, criticality: Criticality): SsvcDecision => {
    const decision = decisions[row + CRITICALITIES.indexOf(criticality)];
    if (decision === undefined) throw new Error(`no SSVC decision at ${String(row)}`);
    return decision;
  };
  const vulnerability = (input: VulnerabilityInput): VulnerabilityRisk => {
    const cvss = input.cvss?.score ?? null;
    const exploitation = exploitationOf({ inKev: input.kev !== null, publicExploit: false });
    const technicalImpact = technicalImpactOf(input.cvss?.vector);
    return {
      // The same additions in the same order as the full score, so both give the same number.
      points:
        severityPoints(cvss, input.severity) +
        kevPoints(input.kev) +
        ransomwarePoints(input.kev) +
        epssPoints(input.epss?.probability ?? null),
      critical: isCritical(cvss, input.severity),
      kevDue: policy.kevByDueDate && input.kev ? `${input.kev.dueDate}T23:59:59.000Z` : null,
      decisions: decisionRow(exploitation, automatableOf(input.cvss?.vector), technicalImpact),
      decisionsControlled: decisionRow(exploitation, 'no', technicalImpact),
      severity: { score: severityScore(cvss, input.severity), vector: input.cvss?.vector ?? null },
      controlled: null,
    };
  };
  // Controlled severities by set of controls and severity: a few vectors and ratings recur a lot.
  const controlledCache = new Map<string, ControlledSeverity>();
  const adjustmentOf = (v: VulnerabilityRisk, mask: number): ControlAdjustment => {
    const byMask = (v.controlled ??= []);
    const known = byMask[mask];
    if (known !== undefined) return known;
    const key = `${String(mask)}|${v.severity.vector ?? String(v.severity.score)}`;
    let severity = controlledCache.get(key);
    if (severity === undefined) controlledCache.set(key, (severity = controlledSeverity(v.severity, mask)));
    const made: ControlAdjustment = {
      delta: round1(round1(severity.score * 4) - round1(v.severity.score * 4)),
      critical: v.critical && severity.score >= 9,
      decisions: severity.modified.length > 0 ? v.decisionsControlled : v.decisions,
      severity,
    };
    byMask[mask] = made;
    return made;
  };
  const onHost: RiskScorer['onHost'] = (into, v, exposure, criticality, controls = 0) => {
    const adjusted = controls === 0 ? null : adjustmentOf(v, controls);
    const ssvc = decisionOf(adjusted?.decisions ?? v.decisions, criticality).outcome;
    let due = v.kevDue;
    const ssvcDue = ssvc === 'Act' ? deadlines.act : ssvc === 'Attend' ? deadlines.attend : null;
    if (ssvcDue !== null && (due === null || ssvcDue < due)) due = ssvcDue;
    const critical = adjusted?.critical ?? v.critical;
    if (critical && exposure === 'internet-facing' && (due === null || deadlines.criticalInternetFacing < due))
      due = deadlines.criticalInternetFacing;
    const points = adjusted === null ? v.points : v.points + adjusted.delta;
    into.score = Math.min(100, round1(points + EXPOSURE_WEIGHT[exposure] + CRITICALITY_WEIGHT[criticality]));
    into.ssvc = ssvc;
    into.due = due;
    return into;
  };
  const score = (input: RiskInput, options = { explain: true }): Risk => {
    const v = vulnerability(input);
    const mask = controlMask(input.host.controls);
    const { score, ssvc, due } = onHost(
      { score: 0, ssvc: 'Track', due: null },
      v,
      input.host.exposure,
      input.host.criticality,
      mask,
    );
    if (!options.explain) return { score, ssvc, due, factors: [] };
    const adjusted = mask === 0 ? null : adjustmentOf(v, mask);
    const decision = decisionOf(adjusted?.decisions ?? v.decisions, input.host.criticality);
    return { score, ssvc, due, factors: explain(input, weightsOf(input), decision, adjusted, shared) };
  };
  return Object.assign(score, { vulnerability, onHost });
}

/** One (host, CVE) scored and explained. */
export function scoreRisk(input: RiskInput, now: Date, policy: SlaPolicy = DEFAULT_SLA): Risk {
  return riskScorer(now, policy)(input);
}
