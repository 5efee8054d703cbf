import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  VersionError,
  compareApk,
  compareDpkg,
  compareRpm,
  rpmvercmp,
  type VersionErrorCode,
  type VersionFormat,
} from '../../src/main/domain/versions';

type Compare = (a: string, b: string) => -1 | 0 | 1;

// Comparisons with the answers the real tools give (test/fixtures/versions/README.md).
function table<K extends string>(name: string, columns: readonly K[]): Record<K, string>[] {
  const [header = '', ...lines] = readFileSync(`test/fixtures/versions/${name}`, 'utf8').split('\n');
  expect(header.split('\t')).toEqual(columns);
  return lines
    .filter((line) => line !== '')
    .map((line) => {
      const cells = line.split('\t');
      return Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? ''])) as Record<K, string>;
    });
}

const SYMBOL = { '-1': '<', '0': '=', '1': '>' } as const;
const title = (a: string, expected: -1 | 0 | 1, b: string): string => `${a} ${SYMBOL[expected]} ${b}`;
const asOrder = (text: string): -1 | 0 | 1 => {
  if (text !== '-1' && text !== '0' && text !== '1') throw new Error(`not a comparison result: ${text}`);
  return Number(text) as -1 | 0 | 1;
};

/** Checks both directions: swapping the arguments must negate the answer (0 stays +0). */
function expectOrder(compare: Compare, a: string, b: string, expected: -1 | 0 | 1): void {
  expect(compare(a, b)).toBe(expected);
  expect(compare(b, a)).toBe(0 - expected);
}

const dpkgRows = table('dpkg_compare.tsv', ['a', 'b', 'expected_cmp(a,b)', 'origin']);
const rpmRows = table('rpm_compare.tsv', ['a', 'b', 'expected', 'mode', 'origin']);
const apkRows = table('apk_compare.tsv', ['a', 'op', 'b', 'origin']);

const RPM_MODES: Record<string, Compare> = {
  rpmvercmp,
  'evr(missing epoch=0, missing release<present)': compareRpm,
};
const APK_OPS: Record<string, -1 | 0 | 1> = { '<': -1, '=': 0, '>': 1 };

describe('fixture tables', () => {
  it('hold every row the shared set lists', () => {
    expect([dpkgRows.length, rpmRows.length, apkRows.length]).toEqual([67, 116, 80]);
    expect(new Set(rpmRows.map((row) => row.mode))).toEqual(new Set(Object.keys(RPM_MODES)));
  });
});

describe('dpkg: dpkg --compare-versions', () => {
  it.each(dpkgRows.map((row) => [title(row.a, asOrder(row['expected_cmp(a,b)']), row.b), row] as const))(
    '%s',
    (_title, row) => {
      expectOrder(compareDpkg, row.a, row.b, asOrder(row['expected_cmp(a,b)']));
    },
  );
});

describe('rpm: rpmvercmp and whole EVRs', () => {
  it.each(rpmRows.map((row) => [`${row.mode}: ${title(row.a, asOrder(row.expected), row.b)}`, row] as const))(
    '%s',
    (_title, row) => {
      const compare = RPM_MODES[row.mode];
      if (compare === undefined) throw new Error(`unknown mode ${row.mode}`);
      expectOrder(compare, row.a, row.b, asOrder(row.expected));
    },
  );
});

describe('apk: apk-tools test/version.data', () => {
  it.each(apkRows.map((row) => [`${row.a} ${row.op} ${row.b}`, row] as const))('%s', (_title, row) => {
    const expected = APK_OPS[row.op];
    if (expected === undefined) throw new Error(`unknown op ${row.op}`);
    expectOrder(compareApk, row.a, row.b, expected);
  });
});

// Edge cases beyond the tables. The dpkg and rpm answers were taken from dpkg 1.21 and rpm 4.18
// (`rpm.vercmp`) when these were written; the apk ones follow apk-tools' src/version.c.
describe('edge cases', () => {
  it.each<[string, -1 | 0 | 1, string]>([
    ['1.0', 0, '0:1.0'], // a missing epoch is 0
    ['1:0.1', 1, '0:9.9'], // the epoch decides before anything else
    ['10:1', 1, '9:1'], // epochs compare as numbers
    ['1.0~~', -1, '1.0~'], // two tildes sort below one
    ['1.0~', -1, '1.0'], // a tilde sorts below the end of the string
    ['1.0~rc1', -1, '1.0~rc1+b1'],
    ['1.0', 0, '1.0-0'], // a missing revision equals revision 0
    ['1.0', -1, '1.0-1'],
    ['1.0-1', -1, '1.0-1.1'],
    ['1.007', 0, '1.7'], // leading zeros do not count
    ['1.0', -1, '1.0.0'], // but a further part does
    ['1.0a', -1, '1.0+'], // letters sort before non-letters
    ['1.0+', -1, '1.0.'],
    ['1.0Z', -1, '1.0a'], // letters by ASCII: capitals first
    ['1.0a', 1, '1.0'], // anything beats the end of the string, except '~'
    ['1.2-3-4', 1, '1.2-3'], // upstream `1.2-3` (revision after the LAST hyphen) > `1.2`
    ['2:1.0:1', 1, '2:1.0'], // a colon after the epoch belongs to the upstream version
    ['a1.0', 1, '1.0'], // no leading digit: dpkg warns but orders it; a letter beats an empty part
    ['99999999999999999999', -1, '100000000000000000000'], // digit runs of any length
  ])('dpkg: %s %i %s', (a, expected, b) => {
    expectOrder(compareDpkg, a, b, expected);
  });

  it.each<[string, -1 | 0 | 1, string]>([
    ['1.0', 0, '1_0'], // every separator is equal
    ['1.0', 0, '1..0'], // and so is any run of them
    ['1.0.', 0, '1.0'], // trailing separators count for nothing
    ['1.0~rc1', -1, '1.0'],
    ['1.0~~', -1, '1.0~'],
    ['1.0^', 1, '1.0'], // caret: above the end of the string
    ['1.0^git1', -1, '1.0.1'], // but below a further part
    ['1.0^git1', -1, '1.0a'],
    ['1.0~rc1^git1', 1, '1.0~rc1'],
    ['007', 0, '7'], // leading zeros do not count
    ['1.a', -1, '1.1'], // numbers beat letters
    ['a', -1, 'b'],
    ['Z', -1, 'a'], // letters by ASCII
    ['123456789012345678901234567890', 1, '123456789012345678901234567889'],
  ])('rpmvercmp: %s %i %s', (a, expected, b) => {
    expectOrder(rpmvercmp, a, b, expected);
  });

  it.each<[string, -1 | 0 | 1, string]>([
    ['1.0', -1, '1.0-1'], // a missing release sorts below any release
    ['1.0', 0, '0:1.0'],
    [':1.0', 0, '0:1.0'], // rpm reads an empty epoch as 0
    ['01:1.0', 0, '1:1.0'], // epochs compare as numbers
    ['1:1.0', 1, '2.0'],
    ['1.0-1', -1, '1.0-1.el9'],
    ['1.0-1.el9', -1, '1.0-1.el9_1'],
    ['1.0-1.el9~bootstrap', -1, '1.0-1.el9'],
    ['1.2.3-3-el7_5', 1, '1.2.3-el7_5'], // split at the LAST hyphen: version `1.2.3-3` > `1.2.3`
    ['2.0-0', 1, '1.9-99'],
  ])('rpm EVR: %s %i %s', (a, expected, b) => {
    expectOrder(compareRpm, a, b, expected);
  });

  it.each<[string, -1 | 0 | 1, string]>([
    ['1.0_alpha', -1, '1.0_beta'],
    ['1.0_beta', -1, '1.0_pre'],
    ['1.0_pre', -1, '1.0_rc'],
    ['1.0_rc', -1, '1.0'], // pre-release suffixes sort below the release
    ['1.0', -1, '1.0_cvs'], // post-release ones above it
    ['1.0_cvs', -1, '1.0_svn'],
    ['1.0_svn', -1, '1.0_git'],
    ['1.0_git', -1, '1.0_hg'],
    ['1.0_hg', -1, '1.0_p'],
    ['1.0_p1', -1, '1.0_p2'],
    ['1.0_rc1', -1, '1.0_rc1_p1'], // suffixes chain
    ['1.0', -1, '1.0a'], // a letter makes it newer
    ['1.0a', -1, '1.0b'],
    ['1.0z', -1, '1.0.1'], // but not newer than a further number
    ['1.0-r1', -1, '1.0-r2'],
    ['1.0-r9', -1, '1.0-r10'], // revisions compare as numbers
    ['1.0', -1, '1.0-r0'], // a revision, even r0, is more than none
    ['1.0-r5', -1, '1.0.1'],
    ['1.02', -1, '1.1'], // after a dot a leading zero makes a decimal fraction
    ['1.02', -1, '1.020'],
    ['1.0', -1, '1.00'],
    ['007', 0, '7'], // but the first number is an integer
    ['1.0~abc1', 1, '1.0'], // a commit hash counts like a post-release part
    ['1.0~abc1', -1, '1.0~abc2'],
    ['1.0~abc-r1', 1, '1.0~abc'],
    ['2_foo', 1, '1_bar'], // malformed tails are never read when the versions differ earlier
    ['1.0', -1, '1.0bc'],
    ['1.0_pre20191002222144', -1, '1.0_pre20210530193627'], // numbers beyond 32 bits
  ])('apk: %s %i %s', (a, expected, b) => {
    expectOrder(compareApk, a, b, expected);
  });
});

/** The VersionError `run` throws (failing the test if it throws something else or nothing). */
function thrown(run: () => unknown): VersionError {
  try {
    run();
  } catch (error) {
    if (error instanceof VersionError) return error;
    throw error;
  }
  throw new Error('expected a VersionError, nothing was thrown');
}

describe('invalid input throws a VersionError naming the problem and the value', () => {
  const FORMATS: Record<string, [VersionFormat, Compare]> = {
    dpkg: ['dpkg', compareDpkg],
    rpm: ['rpm', compareRpm],
    rpmvercmp: ['rpm', rpmvercmp],
    apk: ['apk', compareApk],
  };
  // [function, bad value, code, a valid version to compare it with]. apk only looks at a token
  // when the comparison reaches it, so its valid side agrees with the bad one up to the break.
  const cases: [string, string, VersionErrorCode, string][] = [
    ['dpkg', '', 'empty', '1.0'],
    ['dpkg', ' ', 'whitespace', '1.0'],
    ['dpkg', ' 1.0', 'whitespace', '1.0'],
    ['dpkg', '1.0\n', 'whitespace', '1.0'],
    ['dpkg', '1.0 -1', 'whitespace', '1.0'],
    ['dpkg', '1_0', 'invalid_character', '1.0'],
    ['dpkg', '1:1.0-1:2', 'invalid_character', '1.0'], // a colon may be in the upstream part only
    ['dpkg', '1.0-1_2', 'invalid_character', '1.0'],
    ['dpkg', '1.0^1', 'invalid_character', '1.0'],
    ['dpkg', '1.0é', 'invalid_character', '1.0'],
    ['dpkg', ':1.0', 'bad_epoch', '1.0'],
    ['dpkg', 'a:1.0', 'bad_epoch', '1.0'],
    ['dpkg', '-1:1.0', 'bad_epoch', '1.0'],
    ['dpkg', '1.0:2', 'bad_epoch', '1.0'],
    ['dpkg', '2147483648:1.0', 'bad_epoch', '1.0'],
    ['dpkg', '1:', 'empty_part', '1.0'],
    ['dpkg', '1:-1', 'empty_part', '1.0'],
    ['dpkg', '1.0-', 'empty_part', '1.0'],
    ['rpm', '', 'empty', '1.0'],
    ['rpm', '\t', 'whitespace', '1.0'],
    ['rpm', '1.0 ', 'whitespace', '1.0'],
    ['rpm', '1.0-1.el9 ', 'whitespace', '1.0'],
    ['rpm', '1:2:3', 'invalid_character', '1.0'],
    ['rpm', 'a:1.0', 'invalid_character', '1.0'],
    ['rpm', '1.0/2', 'invalid_character', '1.0'],
    ['rpm', '>=1.0', 'invalid_character', '1.0'],
    ['rpm', '1:', 'empty_part', '1.0'],
    ['rpm', '-1', 'empty_part', '1.0'],
    ['rpm', '1.0-', 'empty_part', '1.0'],
    ['rpmvercmp', '', 'empty', '1.0'],
    ['rpmvercmp', ' ', 'whitespace', '1.0'],
    ['rpmvercmp', '1.0-1', 'invalid_character', '1.0'],
    ['rpmvercmp', '1:1.0', 'invalid_character', '1.0'],
    ['apk', '', 'empty', '1.0'],
    ['apk', '1.0 ', 'whitespace', '1.0'],
    ['apk', '1.0A', 'invalid_character', '1.0'],
    ['apk', '1.0+git', 'invalid_character', '1.0'],
    ['apk', '1:1.0', 'invalid_character', '1.0'],
    ['apk', 'r1.0', 'unparsable', '1.0'],
    ['apk', '.1', 'unparsable', '1.0'],
    ['apk', '1.0_foo', 'unparsable', '1.0'],
    ['apk', '1.0-1', 'unparsable', '1.0'],
    ['apk', '1.0-r', 'unparsable', '1.0'],
    ['apk', '1.0~', 'unparsable', '1.0'],
    ['apk', '1.0b2', 'unparsable', '1.0b'],
    ['apk', '1.0_rc1-r1_p1', 'unparsable', '1.0_rc1-r1'],
  ];

  it.each(cases)('%s: %j is %s', (name, value, code, valid) => {
    const [format, compare] = FORMATS[name] ?? [];
    if (format === undefined || compare === undefined) throw new Error(`unknown function ${name}`);
    for (const error of [thrown(() => compare(value, valid)), thrown(() => compare(valid, value))]) {
      expect(error).toMatchObject({ name: 'VersionError', format, value, code });
      expect(error.message).toContain(JSON.stringify(value));
    }
  });

  it('tells where an apk version stops being readable', () => {
    expect(thrown(() => compareApk('1.0_foo', '1.0')).message).toBe(
      'apk version "1.0_foo" cannot be read by apk\'s rules from "_foo"',
    );
  });

  it('lets apk compare a malformed tail it never reaches, as apk-tools does', () => {
    expect(compareApk('1.2_foo', '1.3')).toBe(-1);
    expect(() => compareApk('1.3_foo', '1.3_bar')).toThrow(VersionError);
  });
});
