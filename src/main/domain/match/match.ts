import type { Advisory, AdvisoryPackage } from '../../../shared/domain/advisory';
import type { InstalledPackage } from '../../../shared/domain/inventory';
import { compareDpkg, compareRpm } from '../versions';
import { kernelState } from './kernels';

/**
 * vulnerable: a fixed version exists and the installed one is older; unfixed: no fix yet;
 * wont-fix: the distribution will not fix it in this release; not-affected: the distribution
 * says this release never had the flaw (shown, so the admin sees it was looked at). A package
 * at or past the fixed version is not a finding at all, which is how a distribution's backported
 * fix (1.0-1+deb12u1 fixing what upstream fixed in 1.1) reads as clean: the distribution's own
 * fixed version is what is compared.
 */
export type FindingState = 'vulnerable' | 'unfixed' | 'wont-fix' | 'not-affected';

export interface Finding {
  advisory: string;
  cves: string[];
  severity: string | null;
  /** The installed (binary) package the advisory reaches, and its version. */
  package: string;
  installed: string;
  /** The version that fixes it, or null when none is published. */
  fixed: string | null;
  state: FindingState;
  /** For a kernel package: whether it is the kernel the host runs now. Absent for other packages. */
  kernel?: 'running' | 'not-running';
}

export interface HostOs {
  id: string;
  version: string;
  family: 'debian' | 'rhel' | 'windows';
}

/**
 * The ecosystems whose advisories describe a host's OS: Debian by major release, Ubuntu by
 * release, AlmaLinux and Rocky by major version, and for the whole Red Hat family also Red Hat's
 * own data (CSAF, updateinfo) of that major: the rebuilds ship the same NEVRs. Empty for an OS
 * no loaded data describes (Windows is matched through KBs).
 */
export function ecosystemsOf(os: HostOs): string[] {
  const major = os.version.split('.')[0] ?? '';
  switch (os.id) {
    case 'debian':
      return major ? [`Debian:${major}`] : [];
    case 'ubuntu':
      return os.version ? [`Ubuntu:${os.version}`] : [];
    case 'almalinux':
      return major ? [`AlmaLinux:${major}`, `Red Hat:${major}`] : [];
    case 'rocky':
      return major ? [`Rocky Linux:${major}`, `Red Hat:${major}`] : [];
    case 'rhel':
    case 'centos':
      return major ? [`Red Hat:${major}`] : [];
    default:
      return [];
  }
}

type Compare = (a: string, b: string) => -1 | 0 | 1;

function stateOf(interval: AdvisoryPackage): FindingState {
  if (interval.status !== 'affected') return interval.status;
  return interval.fixed === null ? 'unfixed' : 'vulnerable';
}

/** Whether `version` falls in the interval: introduced <= v, and v < fixed or v <= lastAffected. */
export function inInterval(version: string, interval: AdvisoryPackage, compare: Compare): boolean {
  if (interval.introduced !== '0' && compare(version, interval.introduced) < 0) return false;
  if (interval.fixed !== null) return compare(version, interval.fixed) < 0;
  if (interval.lastAffected !== null) return compare(version, interval.lastAffected) <= 0;
  return true;
}

/** One interval of one advisory, found by the package name it names. */
interface IndexedInterval {
  advisory: Advisory;
  interval: AdvisoryPackage;
}

/**
 * Advisories by the package names they name: built once per ecosystem, then shared by every
 * host. It also remembers what each (package, version) matched: hosts of one fleet run the same
 * few versions of each package, so most lookups are answered without comparing again.
 */
export interface AdvisoryIndex {
  byName: ReadonlyMap<string, readonly IndexedInterval[]>;
  matched: Map<string, readonly IndexedInterval[]>;
}

export function indexAdvisories(advisories: readonly Advisory[]): AdvisoryIndex {
  const byName = new Map<string, IndexedInterval[]>();
  for (const advisory of advisories) {
    if (advisory.withdrawn !== null) continue;
    for (const interval of advisory.packages) {
      const list = byName.get(interval.name);
      if (list) list.push({ advisory, interval });
      else byName.set(interval.name, [{ advisory, interval }]);
    }
  }
  return { byName, matched: new Map() };
}

/**
 * The intervals an installed package falls in. Debian advisories name source packages, so every
 * binary built from one is reached through its source. Red Hat's name binary rpms
 * (`python3-libs`) mostly, but some name the source rpm (`python3.9`, which builds
 * python3-libs; a VEX file's `pam` for a release it will not fix), so a RHEL-family package is
 * looked up by its own name and by its source rpm's name (`pkg.source`: the collector keeps the
 * name without version). An advisory that names the binary has said what it means for it: its
 * source-named interval is not used as well, so one advisory never reports a package twice or
 * contradicts itself. A source-named fix is compared with the binary's own version, as Debian's
 * are: right for the usual subpackage, which carries its source's version, but a subpackage
 * with a version of its own (perl's perl-Carp) reached only through its source is misjudged;
 * the collector keeps the source rpm's name only, not its version.
 */
function hitsOf(
  family: 'debian' | 'rhel',
  pkg: InstalledPackage,
  index: AdvisoryIndex,
  compare: Compare,
): IndexedInterval[] {
  const applies = ({ interval }: IndexedInterval): boolean =>
    interval.status === 'not-affected' || inInterval(pkg.version, interval, compare);
  if (family === 'debian') return (index.byName.get(pkg.source) ?? []).filter(applies);
  const byBinary = index.byName.get(pkg.name) ?? [];
  if (pkg.source === pkg.name || pkg.source === '') return byBinary.filter(applies);
  const naming = new Set(byBinary.map(({ advisory }) => advisory));
  const bySource = (index.byName.get(pkg.source) ?? []).filter(({ advisory }) => !naming.has(advisory));
  // Each interval once, however it was reached.
  return [...new Set([...byBinary, ...bySource])].filter(applies);
}

/**
 * A host's findings: each installed package against the advisories for its ecosystem, reached
 * as hitsOf says. Withdrawn advisories are left out of the index.
 */
export function matchPackages(
  family: 'debian' | 'rhel',
  packages: readonly InstalledPackage[],
  index: AdvisoryIndex,
  /** `uname -r`, to tell installed kernels that are not running from the one that is. */
  runningKernel = '',
): Finding[] {
  const compare: Compare = family === 'debian' ? compareDpkg : compareRpm;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const pkg of packages) {
    // What a package reaches depends on its source's name, and on Red Hat's family on its own too.
    const names = family === 'debian' ? pkg.source : `${pkg.name}\u0000${pkg.source}`;
    const key = `${family}\u0000${names}\u0000${pkg.version}`;
    let hits = index.matched.get(key);
    if (hits === undefined) {
      hits = hitsOf(family, pkg, index, compare);
      index.matched.set(key, hits);
    }
    for (const { advisory, interval } of hits) {
      const state = stateOf(interval);
      // Two feeds (OSV and the tracker) often say the same thing: one finding per package, CVEs, state and fix.
      // Keyed by version too: a Red Hat-family host keeps several kernel-core versions installed.
      const same = `${pkg.name}\u0000${pkg.version}\u0000${advisory.cves.join(',')}\u0000${state}\u0000${interval.fixed ?? ''}`;
      if (seen.has(same)) continue;
      seen.add(same);
      const kernel = kernelState(family, pkg, runningKernel);
      findings.push({
        advisory: advisory.id,
        cves: advisory.cves,
        severity: advisory.severity,
        package: pkg.name,
        installed: pkg.version,
        fixed: interval.fixed,
        state,
        ...(kernel === null ? {} : { kernel }),
      });
    }
  }
  return findings;
}
