import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scoreCvss3 } from '../../src/main/domain/risk/cvss31';
import { CvssVectorError, type CvssVectorErrorCode } from '../../src/main/domain/risk/cvss-vector';
import { scoreCvss4 } from '../../src/main/domain/risk/cvss40';
import { MACROVECTOR_SCORES } from '../../src/main/domain/risk/cvss40-macrovectors';

// Reference scores from FIRST's calculators (test/fixtures/cvss/README.md).
function table<K extends string>(name: string, columns: readonly K[]): Record<K, string>[] {
  const [header = '', ...lines] = readFileSync(`test/fixtures/cvss/${name}`, 'utf8').split('\n');
  expect(header.split('\t')).toEqual(columns);
  return lines
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cells = line.split('\t');
      return Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? ''])) as Record<K, string>;
    });
}

const v31 = table('cvss31_vectors.tsv', ['vector', 'base', 'temporal', 'environmental']);
const v40 = table('cvss40_vectors.tsv', ['vector', 'macrovector', 'score', 'severity', 'unrounded']);

describe('CVSS v3.1 scores', () => {
  it('reads all 120 reference vectors', () => {
    expect(v31).toHaveLength(120);
  });

  // `%s` of a plain string keeps the whole vector in the title; `$vector` would truncate it.
  it.each(v31.map((row) => [row.vector, row] as const))('%s', (vector, { base, temporal, environmental }) => {
    const score = scoreCvss3(vector);
    expect(score).toMatchObject({
      version: '3.1',
      base: Number(base),
      temporal: Number(temporal),
      environmental: Number(environmental),
    });
  });
});

describe('CVSS v3.0 scores', () => {
  it('scores a v3.0 vector as NVD does', () => {
    // NVD's record for CVE-2021-3881 (huntr.dev, CVSS 3.0): base 7.1, High.
    expect(scoreCvss3('CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:L')).toMatchObject({
      version: '3.0',
      base: 7.1,
      severity: 'High',
    });
  });

  it('keeps the v3.0 changed-scope environmental formula', () => {
    // Same metrics, two prefixes: only v3.1 uses (MISS * 0.9731 - 0.02)^13.
    const metrics = 'AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H';
    expect(scoreCvss3(`CVSS:3.0/${metrics}`)).toMatchObject({ base: 9.0, environmental: 9.0 });
    expect(scoreCvss3(`CVSS:3.1/${metrics}`)).toMatchObject({ base: 9.0, environmental: 9.1 });
  });
});

describe('CVSS v3 severity', () => {
  it.each([
    // No temporal or environmental metric: the base score is rated, not the 9.1 formula quirk.
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H', 'Critical'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 'None'],
    // Temporal metrics only: 8.2 temporal, not 9.8 base.
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:R', 'High'],
    // Environmental metrics: 0.0 environmental.
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MC:N/MI:N/MA:N', 'None'],
    // All X is the same as leaving them out.
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N/E:X/RL:X/RC:X/CR:X/MAV:X', 'Medium'],
  ])('%s is %s', (vector, severity) => {
    expect(scoreCvss3(vector).severity).toBe(severity);
  });

  it('accepts metrics in any order and fills the missing ones with X', () => {
    const shuffled = scoreCvss3('CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N/MAV:L');
    expect(shuffled.environmental).toBe(8.4);
    expect(shuffled.metrics).toMatchObject({ AV: 'N', MAV: 'L', E: 'X', MS: 'X' });
  });
});

describe('CVSS v4.0 scores', () => {
  it('reads all 150 reference vectors', () => {
    expect(v40).toHaveLength(150);
  });

  it.each(v40.map((row) => [row.vector, row] as const))('%s', (vector, { macrovector, score, severity }) => {
    expect(scoreCvss4(vector)).toMatchObject({
      version: '4.0',
      macroVector: macrovector,
      score: Number(score),
      severity,
    });
  });

  it('rounds half up after adding 1e-6, as the reference does', () => {
    // Rows 15-18: 15, 16 and 18 are float sums just below .x5 that plain Math.round would round
    // down; 17 is exactly 0.65, which only round-half-even would take down.
    const rows = v40.slice(14, 18);
    expect(rows.map((row) => [row.unrounded, row.score])).toEqual([
      ['5.949999999999999', '6.0'],
      ['0.6499999999999999', '0.7'],
      ['0.65', '0.7'],
      ['5.6499999999999995', '5.7'],
    ]);
    expect(rows.map((row) => scoreCvss4(row.vector).score)).toEqual([6.0, 0.7, 0.7, 5.7]);
  });

  it('returns supplemental metrics without scoring them', () => {
    const base = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
    const withSupplemental = scoreCvss4(`${base}/S:P/AU:Y/R:I/V:C/RE:H/U:Red`);
    expect(withSupplemental.score).toBe(scoreCvss4(base).score);
    expect(withSupplemental.metrics).toMatchObject({ U: 'Red', AU: 'Y', E: 'X', MSI: 'X' });
  });
});

describe('CVSS v4.0 macrovector table', () => {
  it('equals the JSON fixture entry for entry', () => {
    const json: unknown = JSON.parse(readFileSync('test/fixtures/cvss/cvss40_macrovector_lookup.json', 'utf8'));
    expect(MACROVECTOR_SCORES).toStrictEqual(json);
    expect(Object.keys(MACROVECTOR_SCORES)).toHaveLength(270);
    expect(Object.isFrozen(MACROVECTOR_SCORES)).toBe(true);
  });
});

describe('malformed vectors', () => {
  function failure(score: () => unknown): { code: CvssVectorErrorCode; message: string } {
    try {
      score();
    } catch (error) {
      if (error instanceof CvssVectorError) return { code: error.code, message: error.message };
      throw error;
    }
    throw new Error('the vector was accepted');
  }

  const V31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
  const V40 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';

  it.each<[string, CvssVectorErrorCode, RegExp]>([
    [`${V31}/ZZ:X`, 'unknown_metric', /unknown metric ZZ/],
    [`${V31}/AV:L`, 'duplicate_metric', /AV appears more than once/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', 'missing_metric', /missing base metric A$/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N', 'missing_metric', /missing base metrics S, C, I, A/],
    ['CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'bad_value', /AV:Q is not valid; AV takes N, A, L, P/],
    // Base metrics have no Not Defined value.
    ['CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'bad_value', /AV:X is not valid/],
    ['CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'bad_prefix', /CVSS:3.1 or CVSS:3.0, not "CVSS:3.2"/],
    ['AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'bad_prefix', /not "AV:N"/],
    [V40, 'bad_prefix', /not "CVSS:4.0"/],
    ['', 'bad_prefix', /not ""/],
    [`${V31}/`, 'malformed_metric', /"" is not a METRIC:VALUE pair/],
    [`${V31}/E`, 'malformed_metric', /"E" is not a METRIC:VALUE pair/],
    [`${V31}/E:F:X`, 'malformed_metric', /"E:F:X"/],
  ])('v3: %s', (vector, code, message) => {
    const error = failure(() => scoreCvss3(vector));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it.each<[string, CvssVectorErrorCode, RegExp]>([
    [`${V40}/XX:X`, 'unknown_metric', /unknown metric XX/],
    [`${V40}/E:A/E:P`, 'duplicate_metric', /E appears more than once/],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N', 'missing_metric', /missing base metric SA/],
    [`${V40}/MSC:S`, 'bad_value', /MSC:S is not valid/],
    [`${V40}/E:F`, 'bad_value', /E:F is not valid; E takes X, A, P, U/],
    ['CVSS:4.1/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 'bad_prefix', /CVSS:4.0, not "CVSS:4.1"/],
    [V31, 'bad_prefix', /not "CVSS:3.1"/],
    // v4.0 declares every order but Table 23's invalid (v3.x allows any order).
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/SC:N/VI:H/SI:N/VA:H/SA:N', 'out_of_order', /VI is out of/],
    [`${V40}/MAV:L/E:A`, 'out_of_order', /E is out of/],
  ])('v4: %s', (vector, code, message) => {
    const error = failure(() => scoreCvss4(vector));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });
});
