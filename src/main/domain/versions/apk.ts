import { VersionError, checkCharacters, checkNotBlank, compareDigits } from './common';

/**
 * Alpine version order, ported from apk-tools' current src/version.c (its token_state parser,
 * apk-tools 3): `digit{.digit}...{letter}{_suffix{#}}...{~hash}{-r#}`. There is no apk binary
 * on a Debian machine, so apk-tools' own test data (the fixture table) is the reference.
 */

// Token kinds in apk's order: a version may only move forward through them. When two versions
// agree until their next tokens differ in kind, the one going on with the smaller kind is newer
// (`1.0` < `1.0.1` because DIGIT < END; `1.0-r1` < `1.0.1` because DIGIT < REVISION).
const INITIAL = 0;
const DIGIT = 1;
const LETTER = 2;
const SUFFIX = 3;
const SUFFIX_NO = 4;
const HASH = 5;
const REVISION = 6;
const END = 7;
const INVALID = 8;

// Pre-release suffixes rank below NONE (no suffix), post-release ones above it.
const NONE = 5;
const SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['alpha', 1],
  ['beta', 2],
  ['pre', 3],
  ['rc', 4],
  ['cvs', 6],
  ['svn', 7],
  ['git', 8],
  ['hg', 9],
  ['p', 10],
]);

// Every character any apk token is made of; anything else can never be part of a version.
const APK_CHAR = /[0-9a-z._~-]/;

/** Walks one version token by token, as apk's token_first / token_next. */
class Tokens {
  kind = INITIAL;
  text = '';
  suffix = 0;
  // Where the current token starts, to say where an unparsable version goes wrong.
  start = 0;
  private pos = 0;

  constructor(private readonly s: string) {
    this.kind = this.digits(INITIAL);
  }

  next(): void {
    this.start = this.pos;
    this.kind = this.read(this.s.charAt(this.pos));
  }

  /** The kind of the token starting with `c`, consuming it; INVALID where apk's grammar forbids it. */
  private read(c: string): number {
    const kind = this.kind;
    if (c === '') return END;
    if (c >= 'a' && c <= 'z') {
      if (kind > DIGIT) return INVALID;
      this.text = c;
      this.pos++;
      return LETTER;
    }
    if (c === '.') {
      if (kind > DIGIT) return INVALID;
      this.pos++;
      return this.digits(DIGIT);
    }
    if (c >= '0' && c <= '9') {
      // Digits right after a letter or a hash are not a token apk knows (`1.0b2`).
      if (kind === SUFFIX) return this.digits(SUFFIX_NO);
      return kind === INITIAL || kind === DIGIT ? this.digits(DIGIT) : INVALID;
    }
    if (c === '_') {
      if (kind > SUFFIX_NO) return INVALID;
      this.pos++;
      this.text = this.run(/[a-z]/);
      this.suffix = SUFFIXES.get(this.text) ?? 0;
      return this.suffix === 0 ? INVALID : SUFFIX;
    }
    if (c === '~') {
      if (kind >= HASH) return INVALID;
      this.pos++;
      this.text = this.run(/[0-9a-f]/);
      return this.text === '' ? INVALID : HASH;
    }
    if (c === '-' && this.s.charAt(this.pos + 1) === 'r' && kind < REVISION) {
      this.pos += 2;
      return this.digits(REVISION);
    }
    return INVALID;
  }

  private digits(kind: number): number {
    this.text = this.run(/[0-9]/);
    return this.text === '' ? INVALID : kind;
  }

  private run(char: RegExp): string {
    const from = this.pos;
    while (this.pos < this.s.length && char.test(this.s.charAt(this.pos))) this.pos++;
    return this.s.slice(from, this.pos);
  }

  get rest(): string {
    return this.s.slice(this.start);
  }
}

function compareTokens(a: Tokens, b: Tokens): -1 | 0 | 1 {
  switch (a.kind) {
    case DIGIT:
      // After a dot, a leading zero makes both parts compare as text, like decimal fractions
      // (Gentoo's rule): 1.02 < 1.1, and 1.0 < 1.00.
      if (a.text.startsWith('0') || b.text.startsWith('0')) return a.text === b.text ? 0 : a.text < b.text ? -1 : 1;
      return compareDigits(a.text, b.text);
    case INITIAL:
    case SUFFIX_NO:
    case REVISION:
      return compareDigits(a.text, b.text);
    case SUFFIX:
      return a.suffix === b.suffix ? 0 : a.suffix < b.suffix ? -1 : 1;
    default:
      // A letter or a commit hash: plain byte order.
      return a.text === b.text ? 0 : a.text < b.text ? -1 : 1;
  }
}

/**
 * Orders two Alpine versions (`1.2.3_rc1-r0`) as apk-tools does.
 *
 * apk compares token by token and never validates, so a malformed tail does not matter once
 * the versions already differ: its own test data has `23_foo` > `4_beta` and `1.0` < `1.0bc`.
 * Likewise here; but where the decision would fall on a token apk cannot parse, apk's answer
 * means nothing (it calls `1.0_foo` = `1.0_bar`), so this throws VersionError('unparsable').
 * Empty strings, whitespace and characters no apk version has throw up front.
 */
export function compareApk(a: string, b: string): -1 | 0 | 1 {
  for (const value of [a, b]) {
    checkNotBlank('apk', value);
    checkCharacters('apk', value, value, APK_CHAR);
  }
  const ta = new Tokens(a);
  const tb = new Tokens(b);
  while (ta.kind === tb.kind && ta.kind < END) {
    const cmp = compareTokens(ta, tb);
    if (cmp !== 0) return cmp;
    ta.next();
    tb.next();
  }
  for (const [tokens, value] of [
    [ta, a],
    [tb, b],
  ] as const) {
    if (tokens.kind === INVALID) {
      throw new VersionError(
        'apk',
        value,
        'unparsable',
        `cannot be read by apk's rules from ${JSON.stringify(tokens.rest)}`,
      );
    }
  }
  if (ta.kind === tb.kind) return 0;
  // One version goes on where the other stopped: going on is newer, unless with a pre-release suffix.
  if (ta.kind === SUFFIX && ta.suffix < NONE) return -1;
  if (tb.kind === SUFFIX && tb.suffix < NONE) return 1;
  return ta.kind > tb.kind ? -1 : 1;
}
