import { VersionError, checkCharacters, checkNotBlank, memoized, sign } from './common';

/**
 * Debian version order, ported from dpkg (lib/dpkg/parsehelp.c parseversion, lib/dpkg/version.c
 * verrevcmp) and checked against `dpkg --compare-versions` in test/integration.
 */

interface DpkgVersion {
  readonly epoch: number;
  readonly upstream: string;
  // '' when absent: dpkg compares a missing revision as the empty string, so `1.0` = `1.0-0`.
  readonly revision: string;
}

// dpkg stores the epoch in an int and refuses anything larger.
const EPOCH_MAX = 2_147_483_647;
// Policy's alphabet ("may contain only"). `dpkg --compare-versions` merely warns about other
// characters, but dpkg-deb and dpkg refuse to build or install such a package, so they never
// describe real software. ':' may follow an epoch: dpkg splits at the first colon only.
const UPSTREAM_CHAR = /[A-Za-z0-9.+~:-]/;
const REVISION_CHAR = /[A-Za-z0-9.+~]/;

function parse(value: string): DpkgVersion {
  checkNotBlank('dpkg', value);
  let epoch = 0;
  let rest = value;
  const colon = value.indexOf(':');
  if (colon !== -1) {
    const digits = value.slice(0, colon);
    if (!/^\d+$/.test(digits)) {
      throw new VersionError('dpkg', value, 'bad_epoch', `has an epoch ${JSON.stringify(digits)} that is not a number`);
    }
    epoch = Number(digits);
    if (epoch > EPOCH_MAX) throw new VersionError('dpkg', value, 'bad_epoch', 'has an epoch too big for dpkg');
    rest = value.slice(colon + 1);
  }
  // The revision starts after the LAST hyphen: upstream versions may contain hyphens.
  const hyphen = rest.lastIndexOf('-');
  const upstream = hyphen === -1 ? rest : rest.slice(0, hyphen);
  const revision = hyphen === -1 ? '' : rest.slice(hyphen + 1);
  if (upstream === '') throw new VersionError('dpkg', value, 'empty_part', 'has an empty upstream version');
  if (hyphen !== -1 && revision === '') {
    throw new VersionError('dpkg', value, 'empty_part', 'has an empty revision after its last "-"');
  }
  // A leading letter is accepted: policy only says "should start with a digit", and
  // `dpkg --compare-versions` orders such versions consistently (with a warning).
  checkCharacters('dpkg', value, upstream, UPSTREAM_CHAR);
  checkCharacters('dpkg', value, revision, REVISION_CHAR);
  return { epoch, upstream, revision };
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isLetter = (c: string): boolean => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');

/** dpkg's weight of a non-digit character: '~' below the end of the string, letters below other marks. */
function order(c: string | undefined): number {
  if (c === undefined || isDigit(c)) return 0;
  if (c === '~') return -1;
  return isLetter(c) ? c.charCodeAt(0) : c.charCodeAt(0) + 256;
}

/** Compares alternating non-digit and digit runs, digit runs by value: `1.09` = `1.9`, `1.0` < `1.0.0`. */
function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const diff = order(a[i]) - order(b[j]);
      if (diff !== 0) return diff;
      i++;
      j++;
    }
    while (a[i] === '0') i++;
    while (b[j] === '0') j++;
    // Equal-length digit runs are decided by their first differing digit; a longer run is larger.
    let firstDiff = 0;
    while (isDigit(a[i]) && isDigit(b[j])) {
      if (firstDiff === 0) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (isDigit(a[i])) return 1;
    if (isDigit(b[j])) return -1;
    if (firstDiff !== 0) return firstDiff;
  }
  return 0;
}

const parsed = memoized(parse);

/** Orders two Debian versions `[epoch:]upstream[-revision]` as dpkg does. Throws VersionError on invalid input. */
export function compareDpkg(a: string, b: string): -1 | 0 | 1 {
  const x = parsed(a);
  const y = parsed(b);
  if (x.epoch !== y.epoch) return x.epoch < y.epoch ? -1 : 1;
  return sign(verrevcmp(x.upstream, y.upstream) || verrevcmp(x.revision, y.revision));
}
