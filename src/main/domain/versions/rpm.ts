import { checkCharacters, checkNotBlank, compareDigits, memoized, VersionError } from './common';

/**
 * RPM version order, ported from rpm 4.18 (rpmio/rpmvercmp.c; lib/rpmver.c parseEVR and
 * rpmverCmp) and checked against the real `rpm.vercmp` in test/integration.
 */

// rpmbuild's alphabet for Version and Release (ALLOWED_CHARS_VERREL: alphanumerics and
// `._+%{}~^`). rpm compares any bytes, treating the rest as separators, but no package can carry
// them. '-' is allowed in the version only because rpm splits EVRs at the LAST hyphen, so a
// string like `1.2.3-3-el7_5` still compares; a release never contains one.
const SEGMENT_CHAR = /[A-Za-z0-9._+%{}~^]/;
const VERSION_CHAR = /[A-Za-z0-9._+%{}~^-]/;

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isLetter = (c: string): boolean => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
// Everything but letters, digits, '~' and '^' only separates segments, and every separator is
// equal: `1.0` = `1_0` = `1+0`.
const isSeparator = (c: string): boolean => !isDigit(c) && !isLetter(c) && c !== '~' && c !== '^';

/** rpmvercmp on strings already checked. */
function vercmp(a: string, b: string): -1 | 0 | 1 {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && isSeparator(a.charAt(i))) i++;
    while (j < b.length && isSeparator(b.charAt(j))) j++;
    const ca = a.charAt(i); // '' past the end
    const cb = b.charAt(j);
    // '~' sorts below everything, even the end of the string: 1.0~rc1 < 1.0.
    if (ca === '~' || cb === '~') {
      if (ca !== '~') return 1;
      if (cb !== '~') return -1;
      i++;
      j++;
      continue;
    }
    // '^' sorts above the end of the string but below any further segment: 1.0 < 1.0^git1 < 1.0.1.
    if (ca === '^' || cb === '^') {
      if (ca === '') return -1;
      if (cb === '') return 1;
      if (ca !== '^') return 1;
      if (cb !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (ca === '' || cb === '') break;
    // The segment type is taken from `a`; if `b` has no segment of that type here, a number
    // beats letters. This is why `1b.fc17` < `1.fc17` (rpm's own documented oddity).
    const numeric = isDigit(ca);
    const inRun = numeric ? isDigit : isLetter;
    let ei = i;
    while (ei < a.length && inRun(a.charAt(ei))) ei++;
    let ej = j;
    while (ej < b.length && inRun(b.charAt(ej))) ej++;
    if (ej === j) return numeric ? 1 : -1;
    const sa = a.slice(i, ei);
    const sb = b.slice(j, ej);
    const cmp = numeric ? compareDigits(sa, sb) : sa === sb ? 0 : sa < sb ? -1 : 1;
    if (cmp !== 0) return cmp;
    i = ei;
    j = ej;
  }
  // Equal so far: whichever still has characters wins; only separators left counts as nothing.
  if (i >= a.length && j >= b.length) return 0;
  return i < a.length ? 1 : -1;
}

function checkSegment(value: string): void {
  checkNotBlank('rpm', value);
  checkCharacters('rpm', value, value, SEGMENT_CHAR);
}

/** rpm's rpmvercmp: orders one version or one release string. Throws VersionError on invalid input. */
export function rpmvercmp(a: string, b: string): -1 | 0 | 1 {
  checkSegment(a);
  checkSegment(b);
  return vercmp(a, b);
}

interface Evr {
  readonly epoch: string;
  readonly version: string;
  readonly release: string | undefined;
}

function parseEvr(value: string): Evr {
  checkNotBlank('rpm', value);
  // As rpm: an epoch is the leading digits when a ':' follows them. An empty one (`:1.0`) is 0,
  // which compareDigits gives for free.
  const epochMatch = /^(\d*):/.exec(value);
  const epoch = epochMatch?.[1] ?? '0';
  const rest = epochMatch ? value.slice(epochMatch[0].length) : value;
  const hyphen = rest.lastIndexOf('-');
  const version = hyphen === -1 ? rest : rest.slice(0, hyphen);
  const release = hyphen === -1 ? undefined : rest.slice(hyphen + 1);
  if (version === '') throw new VersionError('rpm', value, 'empty_part', 'has an empty version');
  // rpm would compare an empty release as greater than none at all; no package has one.
  if (release === '') throw new VersionError('rpm', value, 'empty_part', 'has an empty release after its last "-"');
  checkCharacters('rpm', value, version, VERSION_CHAR);
  checkCharacters('rpm', value, release ?? '', SEGMENT_CHAR);
  return { epoch, version, release };
}

const parsedEvr = memoized(parseEvr);

/**
 * Orders two `[epoch:]version[-release]` strings as rpm 4.18's rpmverCmp (the Lua `rpm.vercmp`)
 * does: epoch (missing = 0), then version, then release, where a missing release sorts BELOW
 * any release (`1.0` < `1.0-1`). Only rpm's dependency matching (`Requires: foo >= 1.0`) lets a
 * missing release match any; that answers "does it satisfy", not "which is newer".
 * Throws VersionError on invalid input.
 */
export function compareRpm(a: string, b: string): -1 | 0 | 1 {
  const x = parsedEvr(a);
  const y = parsedEvr(b);
  const epoch = compareDigits(x.epoch, y.epoch);
  if (epoch !== 0) return epoch;
  const version = vercmp(x.version, y.version);
  if (version !== 0) return version;
  if (x.release === undefined || y.release === undefined) {
    return x.release === y.release ? 0 : x.release === undefined ? -1 : 1;
  }
  return vercmp(x.release, y.release);
}
