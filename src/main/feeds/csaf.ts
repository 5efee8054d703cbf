import { z } from 'zod';
import type { Advisory, AdvisoryPackage } from '../../shared/domain/advisory';
import { AppError } from '../../shared/result';
import { compareRpm } from '../domain/versions';
import {
  indexProducts,
  productTreeSchema,
  releaseComponentOf,
  type ProductIndex,
  type Resolved,
} from './csaf-products';
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
  // 2.1 adds more. With a product_status only no_fix_planned changes what a status means; without
  // one they are all there is (see DERIVED).
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

/** One remediation's statement about one product id, its groups expanded. */
interface Named {
  category: string;
  id: string;
  where: string;
}

function remediated(vulnerability: Vulnerability, products: ProductIndex, where: string): Named[] {
  return (vulnerability.remediations ?? []).flatMap((remediation) => {
    const here = `${where} remediation ${remediation.category}`;
    return [
      ...(remediation.product_ids ?? []),
      ...(remediation.group_ids ?? []).flatMap((group) => products.group(group, here)),
    ].map((id) => ({ category: remediation.category, id, where: here }));
  });
}

/**
 * What the remediation categories say of a product when the vulnerability has no product_status
 * (CSAF 2.0's, and 2.1's fix_planned). The VEX profile requires product_status, but a shortened
 * or partial file still states its remediations, and these say enough on their own: a vendor fix
 * is a fixed build, none_available and fix_planned an open flaw, no_fix_planned a refusal.
 * A workaround or mitigation alone says nothing of the product's status, nor does
 * optional_patch (2.1, for products that are not affected), so they give no interval.
 */
const DERIVED: ReadonlyMap<string, Verdict> = new Map<string, Verdict>([
  ['vendor_fix', 'fixed'],
  ['none_available', 'affected'],
  ['fix_planned', 'affected'],
  ['no_fix_planned', 'wont-fix'],
]);

/**
 * One vulnerability's statements. Fixed: each rpm at its build's version, a source rpm
 * (`python3.9-0:3.9.18-3.el9_4.5.src`) under its own name, which matching reaches through each
 * installed binary's source rpm. Known affected: no fix, or wont-fix where a no_fix_planned
 * remediation names it ("Out of support scope"). Under investigation: read as affected without
 * a fix, as the Debian tracker's undetermined issues are. Known not affected: not-affected.
 * Red Hat names unfixed and unaffected products by source package (`red_hat_enterprise_linux_7:pam`),
 * with no version and no binary list; that name is kept, and reaches every binary built from it.
 * Without product_status the remediations decide (see DERIVED). A remediation's product id the
 * tree does not define is read as Red Hat's `<release>:<component>` where it has that form and
 * statuses come from remediations (releaseComponentOf); otherwise it is left out and its id added
 * to `skipped`, as is any undefined id when product_status is given, since that lists what the
 * document says of its products. Module streams' rpms are left out as in updateinfo.ts: a host's
 * stream decides whether one applies, which an rpm name cannot tell.
 */
function candidatesOf(
  source: string,
  vulnerability: Vulnerability,
  where: string,
  products: ProductIndex,
  skipped: Set<string>,
): Candidate[] {
  const candidates: Candidate[] = [];
  const add = (id: string, found: Resolved, verdict: Verdict): void => {
    if (found.kind !== 'rpm' || found.rpm.modular) return;
    const { stream, rpm } = found;
    const base = { ecosystem: stream.ecosystem, name: rpm.name, extended: stream.extended, verdict };
    if (verdict !== 'fixed') {
      candidates.push({ ...base, fixed: null });
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
  const remediations = remediated(vulnerability, products, where);
  const status = vulnerability.product_status;
  if (status === undefined) {
    for (const { category, id, where: here } of remediations) {
      const found = products.defines(id) ? products.resolve(id, here) : releaseComponentOf(id);
      const verdict = DERIVED.get(category);
      if (found === null) skipped.add(id);
      else if (verdict !== undefined) add(id, found, verdict);
    }
    return candidates;
  }
  const wontFix = new Set<string>();
  for (const { category, id } of remediations) {
    if (!products.defines(id)) skipped.add(id);
    else if (category === 'no_fix_planned') wontFix.add(id);
  }
  const list = (name: keyof typeof status, verdict: (id: string) => Verdict): void => {
    for (const id of status[name] ?? []) add(id, products.resolve(id, `${where} product_status.${name}`), verdict(id));
  };
  list('fixed', () => 'fixed');
  list('known_affected', (id) => (wontFix.has(id) ? 'wont-fix' : 'affected'));
  list('under_investigation', () => 'affected');
  list('known_not_affected', () => 'not-affected');
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

/** A CSAF document's advisory, and the remediation product ids it was read without. */
export interface CsafData extends FeedData<Advisory> {
  /**
   * Each remediation product id the product tree does not define and that was left out (see
   * candidatesOf), once: a document shortened by hand, or Red Hat naming something new. Its
   * length is the count an import can report.
   */
  skipped: string[];
}

/**
 * A Red Hat CSAF 2.0 document (security.access.redhat.com/data/csaf/v2/) as one advisory: a
 * security advisory (RHSA) under its own id, or a VEX file (one CVE across every product) under
 * RHVEX-<CVE>. Each rpm of a RHEL stream becomes one interval in `Red Hat:<major>`: fixed at its
 * build's [epoch:]version-release (epoch 0 left out, as compareRpm and the collectors read it),
 * or without a fix, never fixed or never affected as the product status, or without one the
 * remediations, say (see candidatesOf). Streams and products are read by csaf-products.ts.
 * A document that names no rpm of a RHEL stream is refused, as parseOsv refuses a record of no
 * distribution Patchwise matches; so is one whose structure is broken (a status or relationship
 * naming an undefined product). The whole text is parsed at once: a kernel CVE's VEX file is
 * several MB, well within reach.
 */
export function parseCsaf(source: string, text: string): CsafData {
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
  const skipped = new Set<string>();
  const candidates = vulnerabilities.flatMap((vulnerability, index) =>
    candidatesOf(source, vulnerability, vulnerability.cve ?? `vulnerability ${String(index + 1)}`, products, skipped),
  );
  const packages = packagesOf(candidates);
  if (packages.length === 0) {
    const why =
      skipped.size > 0
        ? ` (it left out ${String(skipped.size)} remediation product ${skipped.size === 1 ? 'id' : 'ids'} its product_tree does not define: ${[...skipped].slice(0, 3).join(', ')})`
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
  const notes =
    skipped.size > 0
      ? [
          `${tracking.id}: left out ${String(skipped.size)} remediation product ${skipped.size === 1 ? 'id' : 'ids'} its product_tree does not define (${[...skipped].slice(0, 3).join(', ')}${skipped.size > 3 ? ', …' : ''})`,
        ]
      : [];
  return { records: [advisory], dataDate: modified, version: document.csaf_version, skipped: [...skipped], notes };
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
