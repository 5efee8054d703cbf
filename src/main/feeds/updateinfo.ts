import type { Advisory, AdvisoryPackage } from '../../shared/domain/advisory';
import { AppError } from '../../shared/result';
import { compareRpm } from '../domain/versions';
import type { FeedData } from './feed-data';
import { CVE_ID } from './kev';
import { readUntrustedXml, xmlAttr, xmlChild, xmlList, xmlText } from './xml';

const invalid = (source: string, message: string): AppError => new AppError('feed_invalid', `${source}: ${message}`);

/**
 * What createrepo_c writes and dnf reads (openSUSE/libsolv ext/repo_updateinfoxml.c):
 * <updates><update type status version><id/><title/><issued date/><updated date/><severity/>
 * <release/><references><reference type="cve" id/></references><pkglist><collection>
 * [<module/>]<package name epoch version release arch/></collection></pkglist></update></updates>.
 */
const REPEATING = new Set(['update', 'reference', 'collection', 'package', 'module']);

/** `<release>` names the distribution; OSV's ecosystems (and Patchwise's) carry the major version. */
const RELEASES: readonly (readonly [RegExp, string])[] = [
  [/\bRocky Linux\D*?(\d+)/i, 'Rocky Linux'],
  [/\bAlmaLinux\D*?(\d+)/i, 'AlmaLinux'],
  [/\bRed Hat Enterprise Linux\D*?(\d+)/i, 'Red Hat'],
];
/** The dist tag of a RHEL-family release: `29.el9_4.1`, `1.module+el8.5.0+…`. */
const EL_TAG = /(?:^|[.+_])el(\d+)(?=$|[._+])/;

/** Keyed by what the file says, so a Map: `constructor` must not find Object's. */
const SEVERITIES: ReadonlyMap<string, string> = new Map([
  ['critical', 'Critical'],
  ['important', 'Important'],
  ['moderate', 'Moderate'],
  ['low', 'Low'],
]);
/** Red Hat-family titles start with the errata severity: "Important: curl security update". */
const TITLE_SEVERITY = /^(Critical|Important|Moderate|Low):/i;

/**
 * `<issued>`/`<updated>` dates: "2024-05-01 00:00:00", the same with " UTC", a bare date, ISO 8601
 * (Bottlerocket) or Unix seconds (libsolv's datestr2timestamp reads the first and the last), all
 * UTC. Null when unreadable: createrepo_c's own tests carry mangled dates.
 */
export function updateinfoDate(value: string | null): string | null {
  if (value === null) return null;
  let iso = value.trim();
  if (/^\d+$/.test(iso)) return new Date(Number(iso) * 1000).toISOString();
  iso = iso.replace(/\s*UTC$/, 'Z').replace(/^(\d{4}-\d{2}-\d{2})[ T]/, '$1T');
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) iso += 'T00:00:00Z';
  else if (/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(iso)) iso += 'Z';
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** A binary rpm of an update and the version that fixes it there. */
interface Fix {
  ecosystem: string;
  name: string;
  fixed: string;
}

interface Entry {
  id: string;
  type: string;
  retracted: boolean;
  version: number;
  title: string;
  severity: string | null;
  issued: string | null;
  updated: string | null;
  cves: string[];
  packages: Fix[];
}

function ecosystemOfRelease(release: string | null): string | null {
  for (const [pattern, name] of RELEASES) {
    const major = release === null ? undefined : pattern.exec(release)?.[1];
    if (major !== undefined) return `${name}:${major}`;
  }
  return null;
}

/** The binary rpms of an update: source rpms and modular collections are left out. */
function packagesOf(source: string, id: string, update: unknown, release: string | null): Fix[] {
  const fromRelease = ecosystemOfRelease(release);
  const packages: Fix[] = [];
  for (const collection of xmlList(xmlChild(update, 'pkglist'), 'collection')) {
    // A module stream's packages fix only hosts on that stream, which an rpm list cannot tell.
    if (xmlList(collection, 'module').length > 0) continue;
    for (const pkg of xmlList(collection, 'package')) {
      const arch = xmlAttr(pkg, 'arch');
      if (arch === 'src' || arch === 'nosrc') continue;
      const name = xmlAttr(pkg, 'name');
      const epoch = xmlAttr(pkg, 'epoch');
      const version = xmlAttr(pkg, 'version');
      const rpmRelease = xmlAttr(pkg, 'release');
      if (name === null || version === null || rpmRelease === null)
        throw invalid(source, `${id}: a <package> without name, version or release`);
      // As libsolv: epoch 0 (or none) is left out, which compareRpm reads as 0 anyway.
      const fixed = `${epoch !== null && epoch !== '0' ? `${epoch}:` : ''}${version}-${rpmRelease}`;
      try {
        compareRpm(fixed, fixed);
      } catch (error) {
        throw invalid(source, `${id}: ${name} ${fixed} is not an rpm version (${(error as Error).message})`);
      }
      const tag = EL_TAG.exec(rpmRelease)?.[1];
      const ecosystem = fromRelease ?? (tag === undefined ? null : `Red Hat:${tag}`);
      if (ecosystem !== null) packages.push({ ecosystem, name, fixed });
    }
  }
  return packages;
}

function entryOf(source: string, update: unknown, position: number): Entry {
  const id = xmlText(xmlChild(update, 'id'));
  if (id === null) throw invalid(source, `update ${String(position)} has no <id>`);
  const cves = xmlList(xmlChild(update, 'references'), 'reference')
    .filter((reference) => xmlAttr(reference, 'type')?.toLowerCase() === 'cve')
    .map((reference) => (xmlAttr(reference, 'id') ?? xmlAttr(reference, 'title') ?? '').toUpperCase())
    .filter((cve) => CVE_ID.test(cve));
  const title = xmlText(xmlChild(update, 'title')) ?? xmlText(xmlChild(update, 'summary')) ?? id;
  const rated = xmlText(xmlChild(update, 'severity'))?.toLowerCase();
  return {
    id,
    type: xmlAttr(update, 'type')?.toLowerCase() ?? '',
    retracted: xmlAttr(update, 'status')?.toLowerCase() === 'retracted',
    version: Number(xmlAttr(update, 'version') ?? '0') || 0,
    title,
    severity:
      SEVERITIES.get(rated ?? '') ?? SEVERITIES.get(TITLE_SEVERITY.exec(title)?.[1]?.toLowerCase() ?? '') ?? null,
    issued: updateinfoDate(xmlAttr(xmlChild(update, 'issued'), 'date')),
    updated: updateinfoDate(xmlAttr(xmlChild(update, 'updated'), 'date')),
    cves: [...new Set(cves)],
    packages: packagesOf(source, id, update, xmlText(xmlChild(update, 'release'))),
  };
}

/**
 * One interval per (ecosystem, binary rpm): its arches share the version. Should one update list
 * two versions of a name, the lower is kept: a host at or past it has the fix in its own stream.
 */
function intervals(packages: readonly Fix[]): AdvisoryPackage[] {
  const byKey = new Map<string, Fix>();
  for (const pkg of packages) {
    const key = `${pkg.ecosystem}\u0000${pkg.name}`;
    const kept = byKey.get(key);
    if (!kept || compareRpm(pkg.fixed, kept.fixed) < 0) byKey.set(key, pkg);
  }
  return [...byKey.values()].map(({ ecosystem, name, fixed }) => ({
    ecosystem,
    name,
    introduced: '0',
    fixed,
    lastAffected: null,
    status: 'affected',
  }));
}

const newest = (dates: readonly (string | null)[]): string | null =>
  dates.reduce<string | null>((max, date) => (date !== null && (max === null || date > max) ? date : max), null);

/**
 * The same id may stand in several <update>s (one per collection, or revisions with a higher
 * `version`): the highest version's entries are merged into one advisory.
 */
function merge(entries: readonly Entry[], fallbackDate: string): Advisory {
  const top = Math.max(...entries.map((entry) => entry.version));
  const current = entries.filter((entry) => entry.version === top);
  const first = current[0] as Entry;
  const modified = newest(current.flatMap((entry) => [entry.issued, entry.updated])) ?? fallbackDate;
  const issued = current.map((entry) => entry.issued).filter((date): date is string => date !== null);
  return {
    id: first.id,
    source: 'updateinfo',
    summary: first.title,
    severity: current.find((entry) => entry.severity !== null)?.severity ?? null,
    published: issued.length > 0 ? issued.reduce((min, date) => (date < min ? date : min)) : null,
    modified,
    withdrawn: current.every((entry) => entry.retracted) ? modified : null,
    cves: [...new Set(current.flatMap((entry) => entry.cves))],
    packages: intervals(current.flatMap((entry) => entry.packages)),
  };
}

/**
 * A repository's updateinfo.xml (dnf/yum errata) as advisories. Kept: updates of type security,
 * and any other that references a CVE (bug-fix and enhancement errata otherwise fix nothing a
 * scan reports). Each binary rpm of an update becomes one interval: fixed at the update's
 * [epoch:]version-release, affected below it. The ecosystem comes from <release> (Rocky Linux N,
 * AlmaLinux N, Red Hat Enterprise Linux N -> `Rocky Linux:N`, `AlmaLinux:N`, `Red Hat:N`), else
 * from the packages' `.elN` tag as `Red Hat:N`, so RHEL rebuilds without a known <release>
 * (Oracle, CentOS, EPEL) are matched as Red Hat. Packages of other distributions (Fedora's
 * `.fcN`, Amazon's `.amznN`), source rpms and modular collections are left out. status
 * "retracted" marks the advisory withdrawn. The data's date is the newest issued/updated date.
 */
export function parseUpdateinfo(source: string, text: string): FeedData<Advisory> {
  const root = xmlChild(readUntrustedXml(source, text, 'updateinfo.xml', REPEATING), 'updates');
  if (root === undefined) throw invalid(source, 'not an updateinfo.xml: its root element is not <updates>');
  const entries = xmlList(root, 'update').map((update, index) => entryOf(source, update, index + 1));
  const dataDate = newest(entries.flatMap((entry) => [entry.issued, entry.updated]));
  if (dataDate === null)
    throw invalid(source, `none of its ${String(entries.length)} updates carries a readable issued or updated date`);
  const byId = new Map<string, Entry[]>();
  for (const entry of entries) byId.set(entry.id, [...(byId.get(entry.id) ?? []), entry]);
  const records = [...byId.values()]
    .filter((group) => group.some((entry) => entry.type === 'security' || entry.cves.length > 0))
    .map((group) => merge(group, dataDate))
    .filter((advisory) => advisory.packages.length > 0);
  if (records.length === 0)
    throw invalid(
      source,
      `none of its ${String(entries.length)} updates is a security update for Rocky Linux, AlmaLinux or Red Hat Enterprise Linux (or a rebuild with .elN packages)`,
    );
  return { records, dataDate, version: null };
}

/** Whether a file's first 4 KB are an updateinfo.xml: an <updates> root after the XML declaration. */
export function isUpdateinfoHead(head: string): boolean {
  const start = head
    .replace(/^\uFEFF/, '')
    .replace(/^\s*<\?xml[^>]*\?>/, '')
    .replace(/^(\s*<!--[\s\S]*?-->)*/, '')
    .trimStart();
  // A DOCTYPE naming the root is let through so the parser can say why it refuses it.
  return /^<updates[\s>/]/.test(start) || /^<!DOCTYPE\s+updates[\s>[]/.test(start);
}
