/*
 * CVSS v4.0 scoring. The scoring steps are ported from FIRST's reference calculator
 * (cvss40.js / cvss_score.js of https://github.com/RedHatProductSecurity/cvss-v4-calculator),
 * including its highest-severity vectors, its depths and its rounding, under this licence:
 *
 * Copyright (c) 2023 FIRST.ORG, Inc., Red Hat, and contributors
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 *
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the documentation
 *    and/or other materials provided with the distribution.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"
 * AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
 * IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */

import { MACROVECTOR_SCORES } from './cvss40-macrovectors';
import { parseVector, severityOf, type CvssSeverity, type MetricValues, type VectorGrammar } from './cvss-vector';

const IMPACT = ['N', 'L', 'H'] as const;
const REQUIREMENT = ['X', 'H', 'M', 'L'] as const;
const MODIFIED_IMPACT = ['X', 'H', 'L', 'N'] as const;
const MODIFIED_SUBSEQUENT = ['X', 'S', 'H', 'L', 'N'] as const;

// In the specification's order (Table 23): a vector in any other order is invalid.
const CVSS4_METRICS = {
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  AT: ['N', 'P'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'P', 'A'],
  VC: IMPACT,
  VI: IMPACT,
  VA: IMPACT,
  SC: IMPACT,
  SI: IMPACT,
  SA: IMPACT,
  E: ['X', 'A', 'P', 'U'],
  CR: REQUIREMENT,
  IR: REQUIREMENT,
  AR: REQUIREMENT,
  MAV: ['X', 'N', 'A', 'L', 'P'],
  MAC: ['X', 'L', 'H'],
  MAT: ['X', 'N', 'P'],
  MPR: ['X', 'N', 'L', 'H'],
  MUI: ['X', 'N', 'P', 'A'],
  MVC: MODIFIED_IMPACT,
  MVI: MODIFIED_IMPACT,
  MVA: MODIFIED_IMPACT,
  MSC: MODIFIED_IMPACT,
  MSI: MODIFIED_SUBSEQUENT,
  MSA: MODIFIED_SUBSEQUENT,
  // Supplemental metrics are informative only: parsed and returned, never scored.
  S: ['X', 'N', 'P'],
  AU: ['X', 'N', 'Y'],
  R: ['X', 'A', 'U', 'I'],
  V: ['X', 'D', 'C'],
  RE: ['X', 'L', 'M', 'H'],
  U: ['X', 'Clear', 'Green', 'Amber', 'Red'],
} as const;

export type Cvss4Metrics = MetricValues<typeof CVSS4_METRICS>;

export const CVSS4_GRAMMAR: VectorGrammar<typeof CVSS4_METRICS> = {
  prefixes: ['CVSS:4.0'],
  metrics: CVSS4_METRICS,
  mandatory: ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA'],
  ordered: true,
};

export interface Cvss4Score {
  version: '4.0';
  /** CVSS-B, -BT, -BE or -BTE: threat and environmental metrics are folded in when present. */
  score: number;
  severity: CvssSeverity;
  /** EQ1..EQ6, e.g. `002201`: the key into MACROVECTOR_SCORES. */
  macroVector: string;
  /** Every metric; those the vector leaves out are `X`. */
  metrics: Cvss4Metrics;
}

type Scored = 'AV' | 'AC' | 'AT' | 'PR' | 'UI' | 'VC' | 'VI' | 'VA' | 'SC' | 'SI' | 'SA' | 'E' | 'CR' | 'IR' | 'AR';
/** The values scoring uses: a modified metric, unless X, replaces its base metric. */
type Effective = Record<Scored, string>;

const pick = <M extends string, B extends string>(modified: M | 'X', base: B): M | B =>
  modified === 'X' ? base : modified;

function effectiveOf(m: Cvss4Metrics): Effective {
  return {
    AV: pick(m.MAV, m.AV),
    AC: pick(m.MAC, m.AC),
    AT: pick(m.MAT, m.AT),
    PR: pick(m.MPR, m.PR),
    UI: pick(m.MUI, m.UI),
    VC: pick(m.MVC, m.VC),
    VI: pick(m.MVI, m.VI),
    VA: pick(m.MVA, m.VA),
    SC: pick(m.MSC, m.SC),
    SI: pick(m.MSI, m.SI),
    SA: pick(m.MSA, m.SA),
    // Not Defined threat and requirements assume the worst, so a bare base vector is not understated.
    E: pick(m.E, 'A'),
    CR: pick(m.CR, 'H'),
    IR: pick(m.IR, 'H'),
    AR: pick(m.AR, 'H'),
  };
}

function equivalenceClassesOf(e: Effective): number[] {
  const anyN = e.AV === 'N' || e.PR === 'N' || e.UI === 'N';
  const eq1 = e.AV === 'N' && e.PR === 'N' && e.UI === 'N' ? 0 : anyN && e.AV !== 'P' ? 1 : 2;
  const eq2 = e.AC === 'L' && e.AT === 'N' ? 0 : 1;
  const eq3 = e.VC === 'H' && e.VI === 'H' ? 0 : e.VC === 'H' || e.VI === 'H' || e.VA === 'H' ? 1 : 2;
  const eq4 = e.SI === 'S' || e.SA === 'S' ? 0 : e.SC === 'H' || e.SI === 'H' || e.SA === 'H' ? 1 : 2;
  const eq5 = e.E === 'A' ? 0 : e.E === 'P' ? 1 : 2;
  const eq6 =
    (e.CR === 'H' && e.VC === 'H') || (e.IR === 'H' && e.VI === 'H') || (e.AR === 'H' && e.VA === 'H') ? 0 : 1;
  return [eq1, eq2, eq3, eq4, eq5, eq6];
}

// Severity levels in tenths, exactly as the reference writes them: its float sums (0.1 + 0.2
// and so on) feed the rounding, so integers here would move some scores by 0.1.
const LEVELS: Readonly<Record<Scored, Readonly<Record<string, number>>>> = {
  AV: { N: 0.0, A: 0.1, L: 0.2, P: 0.3 },
  PR: { N: 0.0, L: 0.1, H: 0.2 },
  UI: { N: 0.0, P: 0.1, A: 0.2 },
  AC: { L: 0.0, H: 0.1 },
  AT: { N: 0.0, P: 0.1 },
  VC: { H: 0.0, L: 0.1, N: 0.2 },
  VI: { H: 0.0, L: 0.1, N: 0.2 },
  VA: { H: 0.0, L: 0.1, N: 0.2 },
  SC: { H: 0.1, L: 0.2, N: 0.3 },
  SI: { S: 0.0, H: 0.1, L: 0.2, N: 0.3 },
  SA: { S: 0.0, H: 0.1, L: 0.2, N: 0.3 },
  CR: { H: 0.0, M: 0.1, L: 0.2 },
  IR: { H: 0.0, M: 0.1, L: 0.2 },
  AR: { H: 0.0, M: 0.1, L: 0.2 },
  E: { U: 0.2, P: 0.1, A: 0.0 },
};

type Highest = readonly (readonly string[])[];

/** The highest-severity vectors of each EQ level (the reference's MAX_COMPOSED). */
const HIGHEST: { eq1: Highest; eq2: Highest; eq3eq6: readonly Highest[]; eq4: Highest; eq5: Highest } = {
  eq1: [
    ['AV:N/PR:N/UI:N'],
    ['AV:A/PR:N/UI:N', 'AV:N/PR:L/UI:N', 'AV:N/PR:N/UI:P'],
    ['AV:P/PR:N/UI:N', 'AV:A/PR:L/UI:P'],
  ],
  eq2: [['AC:L/AT:N'], ['AC:H/AT:N', 'AC:L/AT:P']],
  // EQ3 and EQ6 are scored jointly, indexed [eq3][eq6]; EQ3=2 implies EQ6=1.
  eq3eq6: [
    [['VC:H/VI:H/VA:H/CR:H/IR:H/AR:H'], ['VC:H/VI:H/VA:L/CR:M/IR:M/AR:H', 'VC:H/VI:H/VA:H/CR:M/IR:M/AR:M']],
    [
      ['VC:L/VI:H/VA:H/CR:H/IR:H/AR:H', 'VC:H/VI:L/VA:H/CR:H/IR:H/AR:H'],
      [
        'VC:L/VI:H/VA:L/CR:H/IR:M/AR:H',
        'VC:L/VI:H/VA:H/CR:H/IR:M/AR:M',
        'VC:H/VI:L/VA:H/CR:M/IR:H/AR:M',
        'VC:H/VI:L/VA:L/CR:M/IR:H/AR:H',
        'VC:L/VI:L/VA:H/CR:H/IR:H/AR:M',
      ],
    ],
    [[], ['VC:L/VI:L/VA:L/CR:H/IR:H/AR:H']],
  ],
  eq4: [['SC:H/SI:S/SA:S'], ['SC:H/SI:H/SA:H'], ['SC:L/SI:L/SA:L']],
  eq5: [['E:A'], ['E:P'], ['E:U']],
};

/** How many severity steps each EQ level spans, plus one (the reference's MAX_SEVERITY). */
const DEPTH = {
  eq1: [1, 4, 5],
  eq2: [1, 2],
  eq3eq6: [
    [7, 6],
    [8, 8],
    [Number.NaN, 10],
  ],
  eq4: [6, 5, 4],
} as const;

function at<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`CVSS v4.0 scoring has no entry ${index} here`);
  return item;
}

function level(metric: Scored, value: string): number {
  const found = LEVELS[metric][value];
  if (found === undefined) throw new Error(`CVSS v4.0 scoring has no level for ${metric}:${value}`);
  return found;
}

/** The reference's candidates, in its order: every combination of the per-EQ highest vectors. */
function highestVectors(eq: readonly number[]): Partial<Record<Scored, string>>[] {
  const [eq1 = 0, eq2 = 0, eq3 = 0, eq4 = 0, eq5 = 0, eq6 = 0] = eq;
  const groups = [
    at(HIGHEST.eq1, eq1),
    at(HIGHEST.eq2, eq2),
    at(at(HIGHEST.eq3eq6, eq3), eq6),
    at(HIGHEST.eq4, eq4),
    at(HIGHEST.eq5, eq5),
  ];
  let combos: string[] = [''];
  for (const group of groups) combos = combos.flatMap((prefix) => group.map((part) => `${prefix}/${part}`));
  return combos.map(
    (combo) =>
      Object.fromEntries(
        combo
          .slice(1)
          .split('/')
          .map((pair) => pair.split(':')),
      ) as Partial<Record<Scored, string>>,
  );
}

function scoreOf(e: Effective, eq: readonly number[]): number {
  if ([e.VC, e.VI, e.VA, e.SC, e.SI, e.SA].every((value) => value === 'N')) return 0;
  const macroVector = eq.join('');
  const value = MACROVECTOR_SCORES[macroVector];
  if (value === undefined) throw new Error(`no CVSS v4.0 macrovector ${macroVector}`);
  const [eq1 = 0, eq2 = 0, eq3 = 0, eq4 = 0, , eq6 = 0] = eq;
  const lower = (index: number): number | undefined =>
    MACROVECTOR_SCORES[eq.map((digit, i) => (i === index ? digit + 1 : digit)).join('')];

  // The next lower macrovector in EQ3+EQ6 moves along whichever axis exists; from 00 both do,
  // and the reference takes the higher-scoring one.
  let lowerEq3eq6: number | undefined;
  if (eq3 === 0 && eq6 === 0) {
    const [left, right] = [lower(5), lower(2)];
    lowerEq3eq6 = left === undefined || right === undefined ? undefined : Math.max(left, right);
  } else if (eq3 === 1 && eq6 === 0) {
    lowerEq3eq6 = lower(5);
  } else if (eq3 === 2) {
    lowerEq3eq6 = undefined;
  } else {
    lowerEq3eq6 = lower(2);
  }

  // The first highest vector that the scored vector does not exceed in any metric; if none
  // qualifies the reference keeps the last one tried, and so does this.
  let distance: Record<Scored, number> | undefined;
  for (const highest of highestVectors(eq)) {
    const entries = (Object.keys(LEVELS) as Scored[]).map((metric) => [
      metric,
      level(metric, e[metric]) - level(metric, highest[metric] ?? ''),
    ]);
    distance = Object.fromEntries(entries) as Record<Scored, number>;
    if (Object.values(distance).every((d) => d >= 0)) break;
  }
  if (distance === undefined) throw new Error(`no highest-severity vector for ${macroVector}`);
  const d = distance;

  const STEP = 0.1;
  const parts: [number | undefined, number, number][] = [
    [lower(0), d.AV + d.PR + d.UI, at(DEPTH.eq1, eq1) * STEP],
    [lower(1), d.AC + d.AT, at(DEPTH.eq2, eq2) * STEP],
    [lowerEq3eq6, d.VC + d.VI + d.VA + d.CR + d.IR + d.AR, at(at(DEPTH.eq3eq6, eq3), eq6) * STEP],
    [lower(3), d.SC + d.SI + d.SA, at(DEPTH.eq4, eq4) * STEP],
    // EQ5 has a single vector per level, so its distance is always 0; it still counts in the mean.
    [lower(4), 0, 1],
  ];
  let sum = 0;
  let existing = 0;
  for (const [lowerScore, current, depth] of parts) {
    if (lowerScore === undefined) continue;
    existing += 1;
    sum += (value - lowerScore) * (current / depth);
  }
  const mean = existing === 0 ? 0 : sum / existing;
  // The reference adds 1e-6 before rounding half up, so 5.949999999999999 (a float sum that
  // means 5.95) rounds to 6.0 as intended, not 5.9.
  return Math.round((Math.max(0, Math.min(10, value - mean)) + 1e-6) * 10) / 10;
}

/** Parses a CVSS v4.0 vector and scores it the way FIRST's reference calculator does. */
export function scoreCvss4(vector: string): Cvss4Score {
  const { metrics } = parseVector(vector, CVSS4_GRAMMAR);
  const effective = effectiveOf(metrics);
  const eq = equivalenceClassesOf(effective);
  const score = scoreOf(effective, eq);
  return { version: '4.0', score, severity: severityOf(score), macroVector: eq.join(''), metrics };
}
