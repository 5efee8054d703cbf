import { COMPENSATING_CONTROLS, type CompensatingControl } from '../../../shared/domain/controls';
import type { EpssScore, KevEntry } from '../../../shared/domain/feed';
import { CRITICALITIES, EXPOSURES, type Criticality, type Exposure } from '../../../shared/domain/host';
import type { QueueItem } from '../../../shared/domain/queue';
import type { Finding } from '../match/match';
import {
  riskScorer,
  type QuickRisk,
  type Risk,
  type RiskFactor,
  type RiskInput,
  type RiskScorer,
  type SlaPolicy,
  type VulnerabilityRisk,
} from '../risk/score';
import { controlMask } from '../risk/controls';
import { CISA_LEVELS } from '../risk/ssvc';

export interface HostFindings {
  host: { name: string; exposure: Exposure; criticality: Criticality; controls?: readonly CompensatingControl[] };
  findings: readonly Finding[];
}

/** A CVSS base score and its vector, as NVD gives them. */
export type Cvss = NonNullable<RiskInput['cvss']>;

export interface FeedLookups {
  kev: (cve: string) => KevEntry | undefined;
  epss: (cve: string) => EpssScore | undefined;
  /** NVD's CVSS of a CVE. Without it, or for a CVE it has not scored, the distribution's rating counts. */
  cvss?: (cve: string) => Cvss | null;
}

/** What the feeds say of one CVE: asked once per CVE, however many findings carry it. */
interface CveFacts {
  kev: KevEntry | null;
  epss: EpssScore | null;
  cvss: Cvss | null;
}

/** One CVE of a finding with its rating, scored apart from any host. */
interface CveRisk {
  /** The CVE, or the advisory's id when it names none (it is still a fix to apply). */
  cve: string;
  severity: string | null;
  facts: CveFacts | null;
  risk: VulnerabilityRisk;
}

/**
 * A fix as its findings are read: what its previous finding had (the next one, from the same
 * advisory, is compared with it), and what they all brought.
 */
interface FixFound {
  // Compared for every finding, so first: they share the object's first cache line.
  cves: readonly string[] | null;
  severity: string | null;
  package: string;
  entry: number;
  kind: number;
  id: number;
  fix: string;
  /** In the order seen; repeats possible. */
  packages: string[];
  /**
   * The first finding of each kind of finding it has: a list of CVEs and a rating. Matching hands
   * every finding its advisory's list, so a fix usually has one kind however many hosts it covers.
   */
  kinds: Finding[];
}

/**
 * Every finding, read: the fixes in the order first seen and, per fix in the order seen, which
 * host entry had a finding of which of its kinds. The same entry and kind twice in a row (an
 * advisory reaching several packages of a host) is kept once.
 */
interface Sightings {
  fixes: FixFound[];
  /** Fix f's sightings are at start[f] up to start[f + 1] of entry and kind. */
  start: Int32Array;
  entry: Int32Array;
  kind: Int32Array;
}

/** Code-unit order: the same everywhere (localeCompare depends on the locale, and is slow). */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Each factor as a line of the why panel. A shared (frozen) factor's line is written once. Lines
 * are joined rather than templated: a template keeps a line as a tree of its pieces, and the
 * queue keeps a few hundred thousand lines.
 */
function reasonWriter(): (risk: Risk) => string[] {
  const written = new WeakMap<RiskFactor, string>();
  const line = (f: RiskFactor): string => {
    const known = written.get(f);
    if (known !== undefined) return known;
    const weight = f.weight > 0 ? ` +${String(f.weight)}: ` : f.weight < 0 ? ` ${String(f.weight)}: ` : ' 0: ';
    const text = [f.factor, weight, f.detail].join('');
    if (Object.isFrozen(f)) written.set(f, text);
    return text;
  };
  return (risk) => risk.factors.map(line);
}

/** Sorted, each once: what a Set and a sort would give, without a Set per fix. Sorts in place. */
function sortedOnce(values: string[]): string[] {
  if (values.length < 2) return values;
  values.sort();
  let kept = 1;
  for (let i = 1; i < values.length; i += 1) {
    const value = values[i];
    if (value !== undefined && value !== values[kept - 1]) values[kept++] = value;
  }
  values.length = kept;
  return values;
}

/** Every CVE of a fix's kinds, in an array of its own: a finding's list is its advisory's. */
function cvesOf(kinds: readonly Finding[]): string[] {
  const cves: string[] = [];
  for (const kind of kinds) for (const cve of kind.cves) cves.push(cve);
  return cves;
}

const sameCves = (a: readonly string[], b: readonly string[]): boolean =>
  a === b || (a.length === b.length && a.every((cve, i) => cve === b[i]));

/**
 * Every finding read once, allocating nothing per finding: the fix is looked up, compared with
 * its previous finding, and the sighting written to the end of typed arrays (kept in locals:
 * this loop runs a million times). Nothing is scored yet: the pass per fix scores each kind.
 */
function readFindings(hosts: readonly HostFindings[]): Sightings {
  let total = 0;
  for (const { findings } of hosts) total += findings.length;
  const fixOf = new Int32Array(total);
  const entryOf = new Int32Array(total);
  const kindOfSeen = new Int32Array(total);
  let seen = 0;
  const byAdvisory = new Map<string, FixFound>();
  const fixes: FixFound[] = [];
  const kindIn = (fix: FixFound, finding: Finding): number => {
    const known = fix.kinds.findIndex(
      (first) => first.severity === finding.severity && sameCves(first.cves, finding.cves),
    );
    return known !== -1 ? known : fix.kinds.push(finding) - 1;
  };
  for (const [entry, { findings }] of hosts.entries()) {
    for (const finding of findings) {
      let fix = byAdvisory.get(finding.advisory);
      if (fix === undefined) {
        fix = {
          cves: null,
          severity: null,
          package: finding.package,
          entry: -1,
          kind: -1,
          id: fixes.length,
          fix: finding.advisory,
          packages: [finding.package],
          kinds: [],
        };
        fixes.push(fix);
        byAdvisory.set(finding.advisory, fix);
      }
      if (fix.package !== finding.package) fix.packages.push((fix.package = finding.package));
      if (fix.cves !== finding.cves || fix.severity !== finding.severity) {
        fix.cves = finding.cves;
        fix.severity = finding.severity;
        const kind = kindIn(fix, finding);
        if (kind !== fix.kind) {
          fix.kind = kind;
          fix.entry = -1;
        }
      }
      if (fix.entry === entry) continue;
      fix.entry = entry;
      fixOf[seen] = fix.id;
      entryOf[seen] = entry;
      kindOfSeen[seen] = fix.kind;
      seen += 1;
    }
  }
  // A counting sort by fix; stable, so each fix's sightings stay in the order seen.
  const start = new Int32Array(fixes.length + 1);
  for (let i = 0; i < seen; i += 1) {
    const at = (fixOf[i] ?? 0) + 1;
    start[at] = (start[at] ?? 0) + 1;
  }
  for (let f = 1; f <= fixes.length; f += 1) start[f] = (start[f] ?? 0) + (start[f - 1] ?? 0);
  const next = start.slice(0, -1);
  const entry = new Int32Array(seen);
  const kind = new Int32Array(seen);
  for (let i = 0; i < seen; i += 1) {
    const fix = fixOf[i] ?? 0;
    const at = next[fix] ?? 0;
    next[fix] = at + 1;
    entry[at] = entryOf[i] ?? 0;
    kind[at] = kindOfSeen[i] ?? 0;
  }
  return { fixes, start, entry, kind };
}

/** Every host profile a score can tell apart: exposure, criticality and set of controls. */
const PROFILES = EXPOSURES.length * CRITICALITIES.length * (1 << COMPENSATING_CONTROLS.length);

/**
 * Each fix's findings scored and added up, and its riskiest finding (the first one seen among
 * equals) explained. A kind scores the same on every host of the same exposure, criticality and
 * controls, so only the first such host is scored: a later equal score could not take the top
 * place from it anyway.
 */
function scoreFixes(
  { fixes, start, entry: entries, kind: kinds }: Sightings,
  hosts: readonly HostFindings[],
  score: RiskScorer,
  partsOf: (finding: Finding) => CveRisk[],
  reasonsOf: (top: CveRisk, host: HostFindings['host']) => string[],
): QueueItem[] {
  const hostOf = hosts.map(({ host }) => host);
  const names = [...new Set(hostOf.map(({ name }) => name))].sort();
  const placeOf = new Map(names.map((name, place) => [name, place]));
  const places = Int32Array.from(hosts, ({ host }) => placeOf.get(host.name) ?? 0);
  const masks = Int32Array.from(hosts, ({ host }) => controlMask(host.controls));
  const profiles = Int32Array.from(
    hosts,
    ({ host }, entry) =>
      ((EXPOSURES.indexOf(host.exposure) * CRITICALITIES.length + CRITICALITIES.indexOf(host.criticality)) <<
        COMPENSATING_CONTROLS.length) +
      (masks[entry] ?? 0),
  );
  // Scratch space reused by every fix: its hosts' places, and per kind and profile whether scored.
  const covered = new Int32Array(
    fixes.reduce((most, _, f) => Math.max(most, (start[f + 1] ?? 0) - (start[f] ?? 0)), 0),
  );
  const scoredOn = new Uint8Array(fixes.reduce((most, found) => Math.max(most, found.kinds.length), 0) * PROFILES);
  const scratch: QuickRisk = { score: 0, ssvc: 'Track', due: null };
  return fixes.map((found, f) => {
    const kindParts = found.kinds.map(partsOf);
    let kev = false;
    let epss: number | null = null;
    for (const parts of kindParts)
      for (const { facts } of parts) {
        if (facts?.kev) kev = true;
        if (facts?.epss && (epss === null || facts.epss.probability > epss)) epss = facts.epss.probability;
      }
    let best = -1;
    let level = 0;
    let due: string | null = null;
    let top: CveRisk | null = null;
    let topHost: HostFindings['host'] | null = null;
    let count = 0;
    scoredOn.fill(0, 0, found.kinds.length * PROFILES);
    for (let i = start[f] ?? 0; i < (start[f + 1] ?? 0); i += 1) {
      const entry = entries[i] ?? 0;
      const kind = kinds[i] ?? 0;
      covered[count++] = places[entry] ?? 0;
      const seen = kind * PROFILES + (profiles[entry] ?? 0);
      const host = hostOf[entry];
      if (scoredOn[seen] === 1 || host === undefined) continue;
      scoredOn[seen] = 1;
      for (const part of kindParts[kind] ?? []) {
        const risk = score.onHost(scratch, part.risk, host.exposure, host.criticality, masks[entry] ?? 0);
        level = Math.max(level, CISA_LEVELS.indexOf(risk.ssvc));
        if (risk.due !== null && (due === null || risk.due < due)) due = risk.due;
        if (risk.score > best) {
          best = risk.score;
          top = part;
          topHost = host;
        }
      }
    }
    // A typed array sorts numerically, and places are in name order; a host listed twice (two
    // entries of one name) then sits next to itself and is kept once.
    const sorted = covered.subarray(0, count).sort();
    const covering: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const place = sorted[i] ?? 0;
      if (i === 0 || place !== sorted[i - 1]) covering.push(names[place] ?? '');
    }
    // The item is made once its values are known: 50,000 items, each the size it needs. Its
    // reasons are written now, while what they are made from is still in the cache; in ranked
    // order the fixes would be visited at random.
    return {
      rank: 0,
      fix: found.fix,
      packages: sortedOnce(found.packages),
      hosts: covering,
      cves: sortedOnce(cvesOf(found.kinds)),
      kev,
      epss,
      ssvc: CISA_LEVELS[level] ?? 'Track',
      score: best,
      due,
      reasons: top && topHost ? reasonsOf(top, topHost) : [],
    };
  });
}

/**
 * The ranked patch queue: every (host, CVE) of every finding scored, then grouped by fix. A fix
 * ranks by its riskiest finding, then by its earliest due date, then by how many hosts it
 * covers, then by name, so the order is the same every time.
 *
 * Ranking a million findings is one pass that allocates nothing per finding, then one per fix.
 * The feeds are asked once per CVE; a CVE with its rating is scored apart from any host once per
 * fix; a host only adds its exposure and criticality, once per profile. Reasons are written for
 * the one finding per fix that the why panel explains.
 */
export function buildQueue(
  hosts: readonly HostFindings[],
  feeds: FeedLookups,
  now: Date,
  policy?: SlaPolicy,
): QueueItem[] {
  const score = riskScorer(now, policy);
  const facts = new Map<string, CveFacts>();
  const factsOf = (cve: string): CveFacts => {
    let known = facts.get(cve);
    if (known === undefined) {
      known = { kev: feeds.kev(cve) ?? null, epss: feeds.epss(cve) ?? null, cvss: feeds.cvss?.(cve) ?? null };
      facts.set(cve, known);
    }
    return known;
  };
  const part = (cve: string, severity: string | null, known: CveFacts | null): CveRisk => ({
    cve,
    severity,
    facts: known,
    risk: score.vulnerability({
      severity,
      cvss: known?.cvss ?? null,
      kev: known?.kev ?? null,
      epss: known?.epss ?? null,
    }),
  });
  const partsOf = ({ advisory, cves, severity }: Finding): CveRisk[] =>
    cves.length > 0 ? cves.map((cve) => part(cve, severity, factsOf(cve))) : [part(advisory, severity, null)];
  const lines = reasonWriter();
  const reasonsOf = (top: CveRisk, host: HostFindings['host']): string[] => lines(score(explained(top, host)));
  const items = scoreFixes(readFindings(hosts), hosts, score, partsOf, reasonsOf);
  items.sort(
    (a, b) =>
      b.score - a.score ||
      byText(a.due ?? '9999', b.due ?? '9999') ||
      b.hosts.length - a.hosts.length ||
      byText(a.fix, b.fix),
  );
  items.forEach((item, index) => {
    item.rank = index + 1;
  });
  return items;
}

/**
 * The riskiest finding of a fix as the full scorer takes it, to explain it factor by factor. The
 * feeds' entries are the scorer's inputs with more fields, so they are passed as they are.
 */
function explained(top: CveRisk, host: HostFindings['host']): RiskInput {
  return {
    cve: top.cve,
    severity: top.severity,
    cvss: top.facts?.cvss ?? null,
    kev: top.facts?.kev ?? null,
    epss: top.facts?.epss ?? null,
    host,
  };
}
