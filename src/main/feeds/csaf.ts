import { z } from 'zod';
import type { Advisory, AdvisoryPackage } from '../../shared/domain/advisory';
import { AppError } from '../../shared/result';
import { compareRpm } from '../domain/versions';
import { indexProducts, productTreeSchema, type ProductIndex } from './csaf-products';
import type { FeedData } from './feed-data';
import { CVE_ID } from './kev';

const invalid = (source: string, message: string): AppError => new AppError('feed_invalid', `${source}: ${message}`);

const ids = z.array(z.string().min(1, 'a product id must not be empty')).optional();

const documentSchema = z.object({
  category: z.string(),
  csaf_version: z.string().regex(/^2\.\d+$/, 'csaf_version must be 2.x'),
  title: z.string(),
  aggregate_severity: z.object({ text: z.string() }).optional(),
  tracking: z.object({
    id: z
      .string({ error: 'tracking.id must name the document (RHSA-2024:6163, CVE-2024-10041)' })
      .min(1, 'tracking.id must not be empty')
      .max(128, 'tracking.id is longer than 128 characters'),
    current_release_date: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date and time' }),
    initial_release_date: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date and time' }),
    status: z.enum(['draft', 'interim', 'final']),
  }),
});

const vulnerabilitySchema = z.object({
  cve: z.string().optional(),
  product_status: z
    .object({ fixed: ids, known_affected: ids, known_not_affected: ids, under_investigation: ids })
    .optional(),
  // CSAF 2.0's categories are vendor_fix, workaround, mitigation, no_fix_planned and none_available;
  // 2.1 adds more. Only no_fix_planned changes what a status means here.
  remediations: z.array(z.object({ category: z.string(), product_ids: ids, group_ids: ids })).optional(),
  threats: z.array(z.object({ category: z.string(), details: z.string() })).optional(),
});

const csafSchema = z.object({
  document: documentSchema,
  product_tree: productTreeSchema.optional(),
  vulnerabilities: z.array(vulnerabilitySchema).optional(),
});

type Vulnerability = z.infer<typeof vulnerabilitySchema>;

/** The two kinds of document Red Hat publishes with product statuses. */
const CATEGORIES = ['csaf_security_advisory', 'csaf_vex'] as const;
type Category = (typeof CATEGORIES)[number];
const isCategory = (value: string): value is Category => (CATEGORIES as readonly string[]).includes(value);

/** Red Hat's ratings, most severe first (access.redhat.com/security/updates/classification). */
const SEVERITIES = ['Critical', 'Important', 'Moderate', 'Low'] as const;
const severityOf = (text: string | undefined): string | null =>
  SEVERITIES.find((severity) => severity.toLowerCase() === text?.trim().toLowerCase()) ?? null;

/** What a document says about one rpm name in one stream. */
type Verdict = 'fixed' | 'affected' | 'wont-fix' | 'not-affected';

interface Candidate {
  ecosystem: string;
  name: string;
  extended: boolean;
  verdict: Verdict;
  /** `[epoch:]version-release` for a fixed one. */
  fixed: string | null;
}

/** A fix outranks an open flaw, which outranks a refusal to fix, which outranks "never affected". */
const RANK: Readonly<Record<Verdict, number>> = { fixed: 0, affected: 1, 'wont-fix': 2, 'not-affected': 3 };

/**
 * Which of two statements about one (ecosystem, rpm) stands. The main stream's beats an EUS-style
 * stream's: hosts are matched by major release, and most run the main stream. Then the verdict
 * by RANK; then, between two fixes (a VEX file lists 9.4.0.Z.MAIN.EUS and 9.5.0.Z.MAIN, both
 * `enterprise_linux:9`), the higher: the current minor release's fix is the one a main-stream
 * host must reach.
 */
function outranks(a: Candidate, b: Candidate): boolean {
  if (a.extended !== b.extended) return !a.extended;
  if (a.verdict !== b.verdict) return RANK[a.verdict] < RANK[b.verdict];
  return a.fixed !== null && b.fixed !== null && compareRpm(a.fixed, b.fixed) > 0;
}

/** Per product id, the remediation categories a vulnerability names for it. */
function remediationsOf(vulnerability: Vulnerability, products: ProductIndex, where: string): Map<string, Set<string>> {
  const byProduct = new Map<string, Set<string>>();
  for (const remediation of vulnerability.remediations ?? []) {
    const here = `${where} remediation ${remediation.category}`;
    const named = [
      ...(remediation.product_ids ?? []),
      ...(remediation.group_ids ?? []).flatMap((group) => products.group(group, here)),
    ];
    for (const id of named) {
      products.check(id, here);
      const categories = byProduct.get(id) ?? new Set<string>();
      categories.add(remediation.category);
      byProduct.set(id, categories);
    }
  }
  return byProduct;
}

/** Source rpms seen with a fix, kept to say why a document that lists nothing else is refused. */
interface Skipped {
  sources: string[];
}

/**
 * One vulnerability's statements. Fixed: each binary rpm at its build's version (source rpms are
 * left out: advisories name binary rpms, as hosts install them). Known affected: no fix, or
 * wont-fix where a no_fix_planned remediation names it ("Out of support scope"). Under
 * investigation: read as affected without a fix, as the Debian tracker's undetermined issues are.
 * Known not affected: not-affected. Red Hat names unfixed and unaffected products by source
 * package (`red_hat_enterprise_linux_7:pam`), with no version and no binary list; that name is
 * kept, so it reaches the binary rpm of the same name only. Module streams' rpms are left out as
 * in updateinfo.ts: a host's stream decides whether one applies, which an rpm name cannot tell.
 */
function candidatesOf(
  source: string,
  vulnerability: Vulnerability,
  where: string,
  products: ProductIndex,
  skipped: Skipped,
): Candidate[] {
  const remediations = remediationsOf(vulnerability, products, where);
  const status = vulnerability.product_status ?? {};
  const candidates: Candidate[] = [];
  const add = (id: string, list: string, verdict: Verdict): void => {
    const found = products.resolve(id, `${where} product_status.${list}`);
    if (found.kind !== 'rpm' || found.rpm.modular) return;
    const { stream, rpm } = found;
    const base = { ecosystem: stream.ecosystem, name: rpm.name, extended: stream.extended, verdict };
    if (verdict !== 'fixed') {
      candidates.push({ ...base, fixed: null });
      return;
    }
    if (rpm.arch === 'src' || rpm.arch === 'nosrc') {
      skipped.sources.push(id);
      return;
    }
    // A fixed product without a version says nothing a host's version can be compared with.
    if (rpm.evr === null) return;
    try {
      compareRpm(rpm.evr, rpm.evr);
    } catch (error) {
      throw invalid(source, `${where}: ${id} has ${rpm.evr}, not an rpm version (${(error as Error).message})`);
    }
    candidates.push({ ...base, fixed: rpm.evr });
  };
  for (const id of status.fixed ?? []) add(id, 'fixed', 'fixed');
  for (const id of status.known_affected ?? [])
    add(id, 'known_affected', remediations.get(id)?.has('no_fix_planned') ? 'wont-fix' : 'affected');
  for (const id of status.under_investigation ?? []) add(id, 'under_investigation', 'affected');
  for (const id of status.known_not_affected ?? []) add(id, 'known_not_affected', 'not-affected');
  return candidates;
}

/** One interval per (ecosystem, rpm name): the statement that outranks the others. */
function packagesOf(candidates: readonly Candidate[]): AdvisoryPackage[] {
  const kept = new Map<string, Candidate>();
  for (const candidate of candidates) {
    const key = `${candidate.ecosystem}\u0000${candidate.name}`;
    const held = kept.get(key);
    if (held === undefined || outranks(candidate, held)) kept.set(key, candidate);
  }
  return [...kept.values()].map(({ ecosystem, name, verdict, fixed }) => ({
    ecosystem,
    name,
    introduced: '0',
    fixed,
    lastAffected: null,
    status: verdict === 'fixed' ? 'affected' : verdict,
  }));
}

/** The document's rating; without one, the most severe impact its vulnerabilities state. */
function ratingOf(aggregate: string | undefined, vulnerabilities: readonly Vulnerability[]): string | null {
  const rated = severityOf(aggregate);
  if (rated !== null) return rated;
  const impacts = vulnerabilities.flatMap((vulnerability) =>
    (vulnerability.threats ?? []).filter((threat) => threat.category === 'impact').map((threat) => threat.details),
  );
  return SEVERITIES.find((severity) => impacts.some((impact) => severityOf(impact) === severity)) ?? null;
}

/**
 * A VEX file is Red Hat's word on one CVE across its products; its tracking id is the CVE id,
 * which an OSV record (`CVE-…` from upstream feeds) may also carry. The RHVEX- prefix keeps the
 * two apart in the advisory table, reads like Red Hat's RHSA-/RHBA- ids in a findings list, and
 * follows OSV's habit of prefixing a distribution's per-CVE records (DEBIAN-CVE-…, UBUNTU-CVE-…)
 * without taking a prefix any OSV database uses.
 */
export const vexAdvisoryId = (trackingId: string): string => `RHVEX-${trackingId}`;

function parseJson(source: string, text: string): z.infer<typeof csafSchema> {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw invalid(source, `not valid JSON, perhaps cut short (${(error as Error).message})`);
  }
  const parsed = csafSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(source, `not a CSAF document: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  return parsed.data;
}

/**
 * A Red Hat CSAF 2.0 document (security.access.redhat.com/data/csaf/v2/) as one advisory: a
 * security advisory (RHSA) under its own id, or a VEX file (one CVE across every product) under
 * RHVEX-<CVE>. Each rpm of a RHEL stream becomes one interval in `Red Hat:<major>`: fixed at its
 * build's [epoch:]version-release (epoch 0 left out, as compareRpm and the collectors read it),
 * or without a fix, never fixed or never affected as the product status says (see candidatesOf).
 * Streams and products are read by csaf-products.ts. A document that names no rpm of a RHEL
 * stream is refused, as parseOsv refuses a record of no distribution Patchwise matches. The
 * whole text is parsed at once: a kernel CVE's VEX file is several MB, well within reach.
 */
export function parseCsaf(source: string, text: string): FeedData<Advisory> {
  const csaf = parseJson(source, text);
  const { document } = csaf;
  const { tracking } = document;
  if (!isCategory(document.category))
    throw invalid(
      source,
      `${tracking.id} is a ${document.category} document; Patchwise reads security advisories (csaf_security_advisory) and VEX files (csaf_vex)`,
    );
  const products = indexProducts(source, csaf.product_tree ?? {});
  const vulnerabilities = csaf.vulnerabilities ?? [];
  const skipped: Skipped = { sources: [] };
  const candidates = vulnerabilities.flatMap((vulnerability, index) => {
    const where = vulnerability.cve ?? `vulnerability ${String(index + 1)}`;
    // CSAF's VEX profile requires a product status on every vulnerability; without one the file
    // has lost what it is for.
    if (document.category === 'csaf_vex' && vulnerability.product_status === undefined)
      throw invalid(source, `${where} has no product_status, which every vulnerability of a VEX file carries`);
    return candidatesOf(source, vulnerability, where, products, skipped);
  });
  const packages = packagesOf(candidates);
  if (packages.length === 0) {
    const why =
      skipped.sources.length > 0
        ? ` (it lists only source rpms, which are not installed: ${skipped.sources.slice(0, 3).join(', ')})`
        : '';
    throw invalid(source, `${tracking.id} names no rpm of a Red Hat Enterprise Linux release${why}`);
  }
  const cves = [...new Set(vulnerabilities.map((vulnerability) => vulnerability.cve ?? ''))].filter((cve) =>
    CVE_ID.test(cve),
  );
  const modified = new Date(tracking.current_release_date).toISOString();
  const advisory: Advisory = {
    id: document.category === 'csaf_vex' ? vexAdvisoryId(tracking.id) : tracking.id,
    source: 'csaf',
    summary: document.title,
    severity: ratingOf(document.aggregate_severity?.text, vulnerabilities),
    published: new Date(tracking.initial_release_date).toISOString(),
    modified,
    withdrawn: null,
    cves,
    packages,
  };
  return { records: [advisory], dataDate: modified, version: document.csaf_version };
}

/**
 * Whether a file's first 4 KB are a CSAF document: a JSON object with a `csaf_version` of 2.x.
 * Red Hat writes `document` first, its keys in order, so the version comes within the first few
 * hundred bytes; a writer that puts a long product_tree first would not be recognised.
 */
export function isCsafHead(head: string): boolean {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  return text.startsWith('{') && /"csaf_version"\s*:\s*"2\.\d+"/.test(text);
}
