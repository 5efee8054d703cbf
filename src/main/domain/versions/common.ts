// What the three formats share: the error they throw, the checks behind it, and digit-run order.

/** Which package manager's rules a version string was read under. */
export type VersionFormat = 'dpkg' | 'rpm' | 'apk';

export type VersionErrorCode =
  | 'empty'
  | 'whitespace'
  | 'invalid_character'
  | 'bad_epoch'
  | 'empty_part'
  // apk only: a token apk-tools itself cannot parse, reached before the two versions differed.
  | 'unparsable';

/**
 * A string that is not a version of its format. Callers branch on `code`; the message is for
 * people and always quotes the offending value (JSON-quoted, so stray whitespace shows).
 */
export class VersionError extends Error {
  constructor(
    readonly format: VersionFormat,
    readonly value: string,
    readonly code: VersionErrorCode,
    problem: string,
  ) {
    super(`${format} version ${JSON.stringify(value)} ${problem}`);
    this.name = 'VersionError';
  }
}

/**
 * The checks every format shares. Whitespace is refused even where a tool would trim it (dpkg)
 * or skip it as a separator (rpm): a version reaching the domain with spaces in it was cut
 * wrongly at the boundary, and guessing here would hide that.
 */
export function checkNotBlank(format: VersionFormat, value: string): void {
  if (value === '') throw new VersionError(format, value, 'empty', 'is empty');
  if (/\s/.test(value)) throw new VersionError(format, value, 'whitespace', 'contains whitespace');
}

/** Throws naming the first character of `part` outside `allowed` (a one-character-class regex). */
export function checkCharacters(format: VersionFormat, value: string, part: string, allowed: RegExp): void {
  for (const char of part) {
    if (!allowed.test(char)) {
      throw new VersionError(format, value, 'invalid_character', `contains ${JSON.stringify(char)}`);
    }
  }
}

/** Compares two runs of decimal digits by value, however long (leading zeros do not count). */
export function compareDigits(a: string, b: string): -1 | 0 | 1 {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x === y ? 0 : x < y ? -1 : 1;
}

export const sign = (n: number): -1 | 0 | 1 => (n < 0 ? -1 : n > 0 ? 1 : 0);

/**
 * A parse remembered: parsing (and checking) a version costs more than comparing it, and a fleet
 * compares the same few thousand versions millions of times. Bounded: past `limit` entries the
 * memory starts over. Results are the same with or without it; only the time differs.
 */
export function memoized<T>(parse: (value: string) => T, limit = 100_000): (value: string) => T {
  const cache = new Map<string, T>();
  return (value) => {
    let hit = cache.get(value);
    if (hit === undefined) {
      hit = parse(value);
      if (cache.size >= limit) cache.clear();
      cache.set(value, hit);
    }
    return hit;
  };
}
