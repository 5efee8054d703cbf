import type { Advisory } from '../../src/shared/domain/advisory';
import { parseCsaf } from '../../src/main/feeds/csaf';
import { read } from './fixtures';

// Red Hat's files (CC BY 4.0, test/fixtures/feeds/redhat), as shortened before they reached us:
// the advisory keeps only its source rpm, the VEX file lost its product_status and the RHEL 7
// product its remediation names. Both import as they are; the helpers below put back, in memory,
// what the full files carry, to read what only those say.
export const RHSA = 'test/fixtures/feeds/redhat/csaf-advisory-rhsa-2024_6163.json';
export const VEX = 'test/fixtures/feeds/redhat/csaf-vex-cve-2024-10041.trimmed.json';

type StatusList = 'fixed' | 'known_affected' | 'known_not_affected' | 'under_investigation';
interface Product {
  name: string;
  product_id: string;
  product_identification_helper?: { cpe?: string; purl?: string };
}
interface Branch {
  category: string;
  name: string;
  product?: Product;
  branches?: Branch[];
}
interface Relationship {
  category: string;
  full_product_name: Product;
  product_reference: string;
  relates_to_product_reference: string;
}
interface Vulnerability {
  cve: string;
  product_status?: Partial<Record<StatusList, string[]>>;
  remediations: { category: string; details?: string; product_ids: string[]; group_ids?: string[] }[];
}
export interface CsafFile {
  document: { category: string; tracking: { id?: string } };
  product_tree: { branches: (Branch & { branches: Branch[] })[]; relationships: Relationship[] };
  vulnerabilities: [Vulnerability, ...Vulnerability[]];
}

export const load = (path: string): CsafFile => JSON.parse(read(path)) as CsafFile;
export const parse = (file: CsafFile, source = 'file.json'): Advisory[] =>
  parseCsaf(source, JSON.stringify(file, null, 2)).records;

/** Defines a product under the file's Red Hat vendor branch. */
function addProduct(file: CsafFile, product: Product): void {
  file.product_tree.branches[0]?.branches.push({ category: 'product_version', name: product.name, product });
}

/** A product stream, as Red Hat names them. */
export function addStream(file: CsafFile, id: string, cpe: string): void {
  addProduct(file, { name: id, product_id: id, product_identification_helper: { cpe } });
}

/** Whether the file defines a product with this id in its branches. */
function defined(file: CsafFile, id: string): boolean {
  const walk = (branches: readonly Branch[]): boolean =>
    branches.some((branch) => branch.product?.product_id === id || walk(branch.branches ?? []));
  return walk(file.product_tree.branches);
}

/**
 * An rpm (`pam-0:1.5.1-21.el9_5.x86_64`, or a bare component as `pam`) in a stream, defined with
 * its purl unless the file has it already; returns the id statuses name it by.
 */
export function addBuild(file: CsafFile, stream: string, nevra: string, purl?: string): string {
  if (!defined(file, nevra))
    addProduct(file, { name: nevra, product_id: nevra, ...(purl ? { product_identification_helper: { purl } } : {}) });
  const id = `${stream}:${nevra}`;
  file.product_tree.relationships.push({
    category: 'default_component_of',
    full_product_name: { name: `${nevra} as a component of ${stream}`, product_id: id },
    product_reference: nevra,
    relates_to_product_reference: stream,
  });
  return id;
}

export function addRemediation(file: CsafFile, category: string, id: string): void {
  file.vulnerabilities[0].remediations.push({ category, product_ids: [id] });
}

export function addStatus(file: CsafFile, list: StatusList, id: string, remediation?: string): void {
  const vulnerability = file.vulnerabilities[0];
  const status = (vulnerability.product_status ??= {});
  (status[list] ??= []).push(id);
  if (remediation) vulnerability.remediations.push({ category: remediation, product_ids: [id] });
}

/**
 * RHSA-2024:6163 with binary rpms: the full advisory lists every binary of python3.9's build per
 * stream and arch, with the source rpm, in product_status.fixed and the vendor_fix remediation.
 */
export function rhsaWithBinaries(): CsafFile {
  const file = load(RHSA);
  const builds: [string, string, string][] = [
    ['BaseOS-9.4.0.Z.MAIN.EUS', 'python3', 'x86_64'],
    ['BaseOS-9.4.0.Z.MAIN.EUS', 'python3-libs', 'x86_64'],
    ['BaseOS-9.4.0.Z.MAIN.EUS', 'python3-libs', 'aarch64'],
    ['AppStream-9.4.0.Z.MAIN.EUS', 'python3-devel', 'x86_64'],
  ];
  for (const [stream, name, arch] of builds) {
    const nevra = `${name}-0:3.9.18-3.el9_4.5.${arch}`;
    const id = addBuild(file, stream, nevra, `pkg:rpm/redhat/${name}@3.9.18-3.el9_4.5?arch=${arch}`);
    addStatus(file, 'fixed', id);
    file.vulnerabilities[0].remediations[0]?.product_ids.push(id);
  }
  return file;
}

/**
 * CVE-2024-10041's VEX file with its statuses: fixed where the vendor_fix remediation names a
 * build (RHSA-2024:9941), and RHEL 7's pam, which no_fix_planned names ("Out of support scope"),
 * known affected, with the RHEL 7 product defined, as the full file has them.
 */
export function vex(): CsafFile {
  const file = load(VEX);
  const vulnerability = file.vulnerabilities[0];
  vulnerability.product_status = {
    fixed: [...(vulnerability.remediations.find((r) => r.category === 'vendor_fix')?.product_ids ?? [])],
    known_affected: ['red_hat_enterprise_linux_7:pam'],
  };
  addStream(file, 'red_hat_enterprise_linux_7', 'cpe:/o:redhat:enterprise_linux:7');
  file.product_tree.relationships.push({
    category: 'default_component_of',
    full_product_name: {
      name: 'pam as a component of Red Hat Enterprise Linux 7',
      product_id: 'red_hat_enterprise_linux_7:pam',
    },
    product_reference: 'pam',
    relates_to_product_reference: 'red_hat_enterprise_linux_7',
  });
  return file;
}
