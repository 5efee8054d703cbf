import { z } from 'zod';
import { AppError } from '../../shared/result';

/**
 * A CSAF 2.0 product tree (docs.oasis-open.org/csaf/csaf/v2.0) read the way Red Hat writes it:
 * branches define products (a product stream with a CPE, an rpm with a purl) and each
 * `default_component_of` relationship names one rpm in one stream
 * (`BaseOS-9.5.0.Z.MAIN:pam-0:1.5.1-21.el9_5.x86_64`). Vulnerabilities speak of those
 * relationship ids.
 */

const fullProductNameSchema = z.object({
  name: z.string(),
  product_id: z.string().min(1, 'product_id must not be empty'),
  product_identification_helper: z.object({ cpe: z.string().optional(), purl: z.string().optional() }).optional(),
});

// Branches nest to any depth; each level is checked as it is walked, so the schema stops at one.
const branchSchema = z.object({
  category: z.string(),
  name: z.string(),
  product: fullProductNameSchema.optional(),
  branches: z.array(z.unknown()).optional(),
});

export const productTreeSchema = z.object({
  branches: z.array(z.unknown()).optional(),
  full_product_names: z.array(fullProductNameSchema).optional(),
  relationships: z
    .array(
      z.object({
        category: z.string(),
        product_reference: z.string().min(1),
        relates_to_product_reference: z.string().min(1),
        full_product_name: fullProductNameSchema,
      }),
    )
    .optional(),
  product_groups: z.array(z.object({ group_id: z.string().min(1), product_ids: z.array(z.string()) })).optional(),
});

type FullProductName = z.infer<typeof fullProductNameSchema>;
type Relationship = NonNullable<z.infer<typeof productTreeSchema>['relationships']>[number];

/** The RHEL release a product stream belongs to. */
export interface Stream {
  /** `Red Hat:9`: the major release only, as hosts are matched (see STREAMS). */
  ecosystem: string;
  /** An EUS, E4S, AUS, TUS or ELS stream rather than the release's main one. */
  extended: boolean;
}

/** An rpm as a product names it: a build (`pam-0:1.5.1-21.el9_5.x86_64`) or, in VEX files, a bare component (`pam`). */
export interface Rpm {
  name: string;
  /** `[epoch:]version-release`, the epoch left out when 0 as the collectors write it; null for a bare component. */
  evr: string | null;
  /** `x86_64`, `noarch`, `src`; null when not given. */
  arch: string | null;
  /** A module stream's rpm (`rpmmod=` or a `.module+el8` release). */
  modular: boolean;
}

/** Where a product id of a status list leads: an rpm of a RHEL stream, or something Patchwise does not match. */
export type Resolved = { kind: 'rpm'; stream: Stream; rpm: Rpm } | { kind: 'other' };

const OTHER: Resolved = { kind: 'other' };

/**
 * RHEL's product streams by CPE product (2.2 `cpe:/o:redhat:enterprise_linux:9::baseos` or 2.3).
 * `enterprise_linux` is the release's main stream, whatever its repository: BaseOS, AppStream,
 * CRB, High Availability, Real Time, and the SAP and SAP HANA repositories, which are RHEL
 * repositories installed on RHEL hosts, so they are kept. The others are the extended streams of
 * one minor release (`rhel_eus:9.4`). Everything else Red Hat publishes is left out: OpenShift
 * (its RHCOS rpms are not a host's packages), Software Collections, middleware, container images.
 *
 * Hosts are matched by major release (`Red Hat:9`), so an EUS or E4S host, which stays on an
 * older minor release with its own backports (`.el9_2.x`), is judged against the main stream's
 * fix: it may be reported vulnerable although its own stream has the fix, until it moves to a
 * newer minor release. Telling them apart would need the host's minor release and stream.
 */
const STREAMS =
  /^cpe:(?:\/[ao]|2\.3:[ao]):redhat:(enterprise_linux|rhel_eus|rhel_e4s|rhel_aus|rhel_tus|rhel_els):(\d+)(?:[.:]|$)/;

export function streamOfCpe(cpe: string): Stream | null {
  const match = STREAMS.exec(cpe);
  if (!match) return null;
  return { ecosystem: `Red Hat:${String(Number(match[2]))}`, extended: match[1] !== 'enterprise_linux' };
}

const invalid = (source: string, message: string): AppError => new AppError('feed_invalid', `${source}: ${message}`);

const evrOf = (epoch: string | null, versionRelease: string): string =>
  `${epoch !== null && epoch !== '' && Number(epoch) !== 0 ? `${epoch}:` : ''}${versionRelease}`;

const MODULAR_RELEASE = /\.module[+_]el\d/;

/**
 * An rpm purl: `pkg:rpm/redhat/pam@1.5.1-21.el9_5?arch=x86_64`, the epoch as a qualifier when
 * not 0 (`&epoch=1`), percent-encoded (`libstdc%2B%2B`). Null for other package types.
 */
export function rpmOfPurl(source: string, purl: string): Rpm | null {
  const match = /^pkg:rpm\/(?:[^/?#@]+\/)*([^/?#@]+)(?:@([^?#]+))?(?:\?([^#]*))?(?:#.*)?$/i.exec(purl);
  if (!match) return null;
  const [, rawName = '', rawVersion, query = ''] = match;
  let name: string;
  let version: string | null;
  try {
    name = decodeURIComponent(rawName);
    version = rawVersion === undefined ? null : decodeURIComponent(rawVersion);
  } catch {
    throw invalid(source, `the purl ${purl} is not percent-encoded correctly`);
  }
  // Qualifier values are percent-encoded like the rest; none Patchwise reads holds a '+'.
  const qualifiers = new URLSearchParams(query);
  return {
    name,
    evr: version === null ? null : evrOf(qualifiers.get('epoch'), version),
    arch: qualifiers.get('arch'),
    modular: qualifiers.has('rpmmod') || MODULAR_RELEASE.test(version ?? ''),
  };
}

/** Red Hat's own product ids for rpm builds, `name-epoch:version-release.arch`, for products without a purl. */
const NEVRA = /^(.+)-(\d+):([^\s:-]+-[^\s:-]+)\.([A-Za-z0-9_]+)$/;

function rpmOfNevra(id: string): Rpm | null {
  const match = NEVRA.exec(id);
  if (!match) return null;
  const [, name = '', epoch = '0', versionRelease = '', arch = ''] = match;
  return { name, evr: evrOf(epoch, versionRelease), arch, modular: MODULAR_RELEASE.test(versionRelease) };
}

/** rpmbuild's alphabet for a Name; a name from a feed may end up in a command built for the host. */
const RPM_NAME = /^[A-Za-z0-9_][A-Za-z0-9._+-]*$/;

function rpmOf(source: string, product: FullProductName): Rpm | null {
  const purl = product.product_identification_helper?.purl;
  const rpm = purl === undefined ? rpmOfNevra(product.product_id) : rpmOfPurl(source, purl);
  if (rpm !== null && !RPM_NAME.test(rpm.name))
    throw invalid(source, `the product ${product.product_id} names "${rpm.name}", which is not an rpm name`);
  return rpm;
}

/**
 * Red Hat's VEX files name an unfixed or unaffected component of a whole release
 * `red_hat_enterprise_linux_7:pam`: the release's stream, a colon, the source package. A file
 * that lost that product's definition (one shortened by hand) still says, by the id alone, which
 * release and package it means; only the main stream of a major release is read this way
 * (`red_hat_enterprise_linux_<major>`), not an id of any other shape, nor a module stream's
 * component (`red_hat_enterprise_linux_8:nodejs:18/nodejs`), which RPM_NAME refuses.
 */
const RELEASE_COMPONENT = /^red_hat_enterprise_linux_(\d{1,3}):(.+)$/;

/** The source package of one RHEL release an undefined `<stream>:<component>` id names; null for any other id. */
export function releaseComponentOf(id: string): Resolved | null {
  const match = RELEASE_COMPONENT.exec(id);
  if (!match) return null;
  const [, major = '', name = ''] = match;
  if (!RPM_NAME.test(name)) return null;
  return {
    kind: 'rpm',
    stream: { ecosystem: `Red Hat:${String(Number(major))}`, extended: false },
    rpm: { name, evr: null, arch: 'src', modular: false },
  };
}

export interface ProductIndex {
  /** Whether the tree defines this product id (as a product or a relationship). */
  defines(id: string): boolean;
  /** What a product id stands for; throws feed_invalid, naming `where`, when the tree defines no such product. */
  resolve(id: string, where: string): Resolved;
  /** A group's product ids (remediations may name groups); throws feed_invalid when it is not defined. */
  group(id: string, where: string): readonly string[];
}

/** Every product the tree defines, walked level by level (no recursion: the input is untrusted). */
function productsOf(source: string, tree: z.infer<typeof productTreeSchema>): Map<string, FullProductName> {
  const products = new Map<string, FullProductName>();
  const add = (product: FullProductName): void => {
    if (!products.has(product.product_id)) products.set(product.product_id, product);
  };
  const pending: { path: string; branches: readonly unknown[] }[] = [
    { path: 'product_tree.branches', branches: tree.branches ?? [] },
  ];
  for (let level = pending.pop(); level !== undefined; level = pending.pop()) {
    for (const [index, raw] of level.branches.entries()) {
      const path = `${level.path}.${String(index)}`;
      const branch = branchSchema.safeParse(raw);
      if (!branch.success) {
        const issue = branch.error.issues[0];
        throw invalid(source, `${path}.${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is not a branch'}`.trim());
      }
      if (branch.data.product) add(branch.data.product);
      if (branch.data.branches) pending.push({ path: `${path}.branches`, branches: branch.data.branches });
    }
  }
  for (const product of tree.full_product_names ?? []) add(product);
  return products;
}

export function indexProducts(source: string, tree: z.infer<typeof productTreeSchema>): ProductIndex {
  const products = productsOf(source, tree);
  const relationships = new Map<string, Relationship>();
  for (const relationship of tree.relationships ?? [])
    relationships.set(relationship.full_product_name.product_id, relationship);
  const groups = new Map((tree.product_groups ?? []).map((group) => [group.group_id, group.product_ids]));
  const unknown = (id: string, where: string): AppError =>
    invalid(source, `${where} names the product "${id}", which its product_tree does not define`);
  const defines = (id: string): boolean => products.has(id) || relationships.has(id);
  const check = (id: string, where: string): void => {
    if (!defines(id)) throw unknown(id, where);
  };

  return {
    defines,
    resolve(id, where) {
      const relationship = relationships.get(id);
      if (relationship === undefined) {
        check(id, where);
        // A product with no component (a whole stream, an image): no package name to match.
        return OTHER;
      }
      const { product_reference: component, relates_to_product_reference: target } = relationship;
      check(target, `the relationship ${id}`);
      check(component, `the relationship ${id}`);
      const stream = products.get(target);
      const rpm = products.get(component);
      // Red Hat links rpms to streams with default_component_of only; other kinds (installed_on,
      // optional_component_of) and relationships of relationships are not rpms on a host.
      if (relationship.category !== 'default_component_of' || stream === undefined || rpm === undefined) return OTHER;
      const ofStream = streamOfCpe(stream.product_identification_helper?.cpe ?? '');
      const ofRpm = ofStream === null ? null : rpmOf(source, rpm);
      return ofStream === null || ofRpm === null ? OTHER : { kind: 'rpm', stream: ofStream, rpm: ofRpm };
    },
    group(id, where) {
      const members = groups.get(id);
      if (members === undefined)
        throw invalid(source, `${where} names the product group "${id}", which its product_tree does not define`);
      return members;
    },
  };
}
