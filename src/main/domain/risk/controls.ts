import { COMPENSATING_CONTROLS, CONTROL_EFFECTS, type CompensatingControl } from '../../../shared/domain/controls';
import { CVSS3_GRAMMAR, scoreCvss3 } from './cvss31';
import { CVSS4_GRAMMAR, scoreCvss4 } from './cvss40';
import { formatVector, parseVector } from './cvss-vector';

/** A host's controls as bits, in COMPENSATING_CONTROLS order: a queue scores each set once. */
export function controlMask(controls: readonly CompensatingControl[] | undefined): number {
  let mask = 0;
  for (const control of controls ?? []) mask |= 1 << COMPENSATING_CONTROLS.indexOf(control);
  return mask;
}

export function controlsOf(mask: number): CompensatingControl[] {
  return COMPENSATING_CONTROLS.filter((_, bit) => (mask & (1 << bit)) !== 0);
}

/** A severity before the controls: a CVSS base score with its vector, or a rating's score without one. */
export interface Severity {
  score: number;
  /** A CVSS v3.x or v4.0 vector; null for a rating or a v2 vector (v2 has no such metrics). */
  vector: string | null;
}

export interface ControlledSeverity {
  /** The environmental score with the controls' modified metrics; never above the base score. */
  score: number;
  /** The modified metrics the controls set, e.g. `MAV:A`; empty when none applied to this vector. */
  modified: string[];
  /** No vector to modify: the controls' effect on a typical network attack was taken instead. */
  assumed: boolean;
}

/** What a score without a vector is taken to be: an unauthenticated network attack of full impact. */
const TYPICAL_ATTACK = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';

const round1 = (value: number): number => Math.round(value * 10) / 10;

/** The controls that apply to these base metrics, as modified metrics (an attack is never made easier). */
function modificationsOf(metrics: Readonly<Record<string, string>>, mask: number): Record<string, string> {
  const modified: Record<string, string> = {};
  for (const control of controlsOf(mask)) {
    const { metric, from, to } = CONTROL_EFFECTS[control];
    if (metrics[metric] === from && (metrics[`M${metric}`] ?? 'X') === 'X') modified[`M${metric}`] = to;
  }
  return modified;
}

const described = (modified: Record<string, string>): string[] =>
  Object.entries(modified).map(([metric, value]) => `${metric}:${value}`);

function controlledVector(vector: string, mask: number): { score: number; modified: string[] } {
  if (vector.startsWith('CVSS:4.0/')) {
    const { prefix, metrics } = parseVector(vector, CVSS4_GRAMMAR);
    const modified = modificationsOf(metrics, mask);
    if (Object.keys(modified).length === 0) return { score: 0, modified: [] };
    const score = scoreCvss4(formatVector(prefix, { ...metrics, ...modified }, CVSS4_GRAMMAR)).score;
    return { score, modified: described(modified) };
  }
  const { prefix, metrics } = parseVector(vector, CVSS3_GRAMMAR);
  const modified = modificationsOf(metrics, mask);
  if (Object.keys(modified).length === 0) return { score: 0, modified: [] };
  const score = scoreCvss3(formatVector(prefix, { ...metrics, ...modified }, CVSS3_GRAMMAR)).environmental;
  return { score, modified: described(modified) };
}

/**
 * A severity as a host's controls leave it. With a vector, the controls become CVSS environmental
 * metrics (network-restricted is MAV:A on a network attack, and so on) and the environmental
 * score is the result. Without one the score is scaled by what the same controls take off a
 * typical network attack (9.8), and the result says it was assumed.
 */
export function controlledSeverity(severity: Severity, mask: number): ControlledSeverity {
  if (mask === 0) return { score: severity.score, modified: [], assumed: false };
  if (severity.vector !== null && /^CVSS:(3\.[01]|4\.0)\//.test(severity.vector)) {
    const { score, modified } = controlledVector(severity.vector, mask);
    // Nothing modified: the score stays the one the feed gave, whatever the vector computes to.
    return {
      score: modified.length === 0 ? severity.score : Math.min(severity.score, score),
      modified,
      assumed: false,
    };
  }
  const typical = controlledVector(TYPICAL_ATTACK, mask);
  const ratio = typical.score / scoreCvss3(TYPICAL_ATTACK).base;
  return { score: round1(severity.score * ratio), modified: typical.modified, assumed: true };
}
