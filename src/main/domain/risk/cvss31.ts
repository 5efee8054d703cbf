// CVSS v3.0 and v3.1 scoring, as specified by FIRST:
// https://www.first.org/cvss/v3.1/specification-document (section 7, Appendix A)
// https://www.first.org/cvss/v3.0/specification-document (section 8)

import { parseVector, severityOf, type CvssSeverity, type MetricValues, type VectorGrammar } from './cvss-vector';

const CIA = ['H', 'L', 'N'] as const;
const REQUIREMENT = ['X', 'H', 'M', 'L'] as const;
const MODIFIED_CIA = ['X', 'H', 'L', 'N'] as const;

const CVSS3_METRICS = {
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'R'],
  S: ['U', 'C'],
  C: CIA,
  I: CIA,
  A: CIA,
  E: ['X', 'H', 'F', 'P', 'U'],
  RL: ['X', 'U', 'W', 'T', 'O'],
  RC: ['X', 'C', 'R', 'U'],
  CR: REQUIREMENT,
  IR: REQUIREMENT,
  AR: REQUIREMENT,
  MAV: ['X', 'N', 'A', 'L', 'P'],
  MAC: ['X', 'L', 'H'],
  MPR: ['X', 'N', 'L', 'H'],
  MUI: ['X', 'N', 'R'],
  MS: ['X', 'U', 'C'],
  MC: MODIFIED_CIA,
  MI: MODIFIED_CIA,
  MA: MODIFIED_CIA,
} as const;

export type Cvss3Metrics = MetricValues<typeof CVSS3_METRICS>;

export const CVSS3_GRAMMAR: VectorGrammar<typeof CVSS3_METRICS> = {
  prefixes: ['CVSS:3.1', 'CVSS:3.0'],
  metrics: CVSS3_METRICS,
  mandatory: ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'],
  ordered: false,
};

export interface Cvss3Score {
  version: '3.0' | '3.1';
  base: number;
  /** Equals `base` when E, RL and RC are all Not Defined. */
  temporal: number;
  /**
   * The specification's formula, evaluated even when no environmental metric is defined, as
   * FIRST's calculator does. Under v3.1 that can differ from `temporal` by 0.1 for changed-scope
   * vectors (80 of the 2592 base vectors), because only the environmental formula changed.
   */
  environmental: number;
  /**
   * Rates the most specific score the vector asks for: `environmental` if it defines any
   * environmental metric, else `temporal` if it defines any temporal metric, else `base`, so a
   * bare base vector is never rated by the formula quirk described above.
   */
  severity: CvssSeverity;
  /** Every metric; those the vector leaves out are `X`. */
  metrics: Cvss3Metrics;
}

const TEMPORAL = ['E', 'RL', 'RC'] as const;
const ENVIRONMENTAL = ['CR', 'IR', 'AR', 'MAV', 'MAC', 'MPR', 'MUI', 'MS', 'MC', 'MI', 'MA'] as const;

const AV = { N: 0.85, A: 0.62, L: 0.55, P: 0.2 } as const;
const AC = { L: 0.77, H: 0.44 } as const;
// PR's weights depend on the (modified) scope, so the table is keyed by scope first.
const PR = { U: { N: 0.85, L: 0.62, H: 0.27 }, C: { N: 0.85, L: 0.68, H: 0.5 } } as const;
const UI = { N: 0.85, R: 0.62 } as const;
const IMPACT = { H: 0.56, L: 0.22, N: 0 } as const;
const E = { X: 1, H: 1, F: 0.97, P: 0.94, U: 0.91 } as const;
const RL = { X: 1, U: 1, W: 0.97, T: 0.96, O: 0.95 } as const;
const RC = { X: 1, C: 1, R: 0.96, U: 0.92 } as const;
const REQUIREMENT_WEIGHT = { X: 1, H: 1.5, M: 1, L: 0.5 } as const;

/**
 * v3.1 Appendix A: decide on an integer so that 4.000000000000001 does not round up to 4.1,
 * which plain ceil(x * 10) / 10 (v3.0's roundup) does.
 */
function roundUp31(value: number): number {
  const scaled = Math.round(value * 100000);
  return scaled % 10000 === 0 ? scaled / 100000 : (Math.floor(scaled / 10000) + 1) / 10;
}

function roundUp30(value: number): number {
  return Math.ceil(value * 10) / 10;
}

const pick = <M extends string, B extends string>(modified: M | 'X', base: B): M | B =>
  modified === 'X' ? base : modified;

/**
 * Parses a CVSS v3.0 or v3.1 vector and computes its base, temporal and environmental scores.
 * The arithmetic follows the order of FIRST's reference calculators so that floating-point
 * results, and therefore roundings, come out the same.
 */
export function scoreCvss3(vector: string): Cvss3Score {
  const { prefix, metrics: m } = parseVector(vector, CVSS3_GRAMMAR);
  const version = prefix === 'CVSS:3.0' ? '3.0' : '3.1';
  const roundUp = version === '3.0' ? roundUp30 : roundUp31;
  // Left to right, as the reference calculators multiply: regrouping changes the last bit.
  const withThreat = (score: number): number => score * E[m.E] * RL[m.RL] * RC[m.RC];

  const iss = 1 - (1 - IMPACT[m.C]) * (1 - IMPACT[m.I]) * (1 - IMPACT[m.A]);
  const impact = m.S === 'U' ? 6.42 * iss : 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15);
  const exploitability = 8.22 * AV[m.AV] * AC[m.AC] * PR[m.S][m.PR] * UI[m.UI];
  const base = impact <= 0 ? 0 : roundUp(Math.min((m.S === 'U' ? 1 : 1.08) * (impact + exploitability), 10));
  const temporal = roundUp(withThreat(base));

  const scope = pick(m.MS, m.S);
  const miss = Math.min(
    1 -
      (1 - IMPACT[pick(m.MC, m.C)] * REQUIREMENT_WEIGHT[m.CR]) *
        (1 - IMPACT[pick(m.MI, m.I)] * REQUIREMENT_WEIGHT[m.IR]) *
        (1 - IMPACT[pick(m.MA, m.A)] * REQUIREMENT_WEIGHT[m.AR]),
    0.915,
  );
  // v3.1 changed this term only; its base score keeps v3.0's (ISS - 0.02)^15, so the same
  // changed-scope metrics can score differently under the two prefixes.
  const changedTail = version === '3.0' ? Math.pow(miss - 0.02, 15) : Math.pow(miss * 0.9731 - 0.02, 13);
  const modifiedImpact = scope === 'U' ? 6.42 * miss : 7.52 * (miss - 0.029) - 3.25 * changedTail;
  const modifiedExploitability =
    8.22 * AV[pick(m.MAV, m.AV)] * AC[pick(m.MAC, m.AC)] * PR[scope][pick(m.MPR, m.PR)] * UI[pick(m.MUI, m.UI)];
  const environmental =
    modifiedImpact <= 0
      ? 0
      : roundUp(
          withThreat(roundUp(Math.min((scope === 'U' ? 1 : 1.08) * (modifiedImpact + modifiedExploitability), 10))),
        );

  const defines = (group: readonly (keyof Cvss3Metrics)[]): boolean => group.some((name) => m[name] !== 'X');
  const rated = defines(ENVIRONMENTAL) ? environmental : defines(TEMPORAL) ? temporal : base;
  return { version, base, temporal, environmental, severity: severityOf(rated), metrics: m };
}
