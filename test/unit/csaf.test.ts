import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Advisory } from '../../src/shared/domain/advisory';
import type { InstalledPackage } from '../../src/shared/domain/inventory';
import { AppError } from '../../src/shared/result';
import { indexAdvisories, matchPackages } from '../../src/main/domain/match/match';
import { isCsafHead, parseCsaf } from '../../src/main/feeds/csaf';

// Red Hat's files (CC BY 4.0, test/fixtures/feeds/redhat), as shortened before they reached us:
// the advisory keeps only its source rpm, the VEX file lost its product_status and the RHEL 7
// product its remediation names. Both import as they are; the helpers below put back, in memory,
// what the full files carry, to read what only those say.
const RHSA = 'test/fixtures/feeds/redhat/csaf-advisory-rhsa-2024_6163.json';
const VEX = 'test/fixtures/feeds/redhat/csaf-vex-cve-2024-10041.trimmed.json';

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
interface CsafFile {
  document: { category: string; tracking: { id?: string } };
  product_tree: { branches: (Branch & { branches: Branch[] })[]; relationships: Relationship[] };
  vulnerabilities: [Vulnerability, ...Vulnerability[]];
}

const load = (path: string): CsafFile => JSON.parse(readFileSync(path, 'utf8')) as CsafFile;
const parse = (file: CsafFile, source = 'file.json'): Advisory[] =>
  parseCsaf(source, JSON.stringify(file, null, 2)).records;
const packagesIn = (file: CsafFile, ecosystem: string) =>
  parse(file)[0]?.packages.filter((p) => p.ecosystem === ecosystem);

/** Defines a product under the file's Red Hat vendor branch. */
function addProduct(file: CsafFile, product: Product): void {
  file.product_tree.branches[0]?.branches.push({ category: 'product_version', name: product.name, product });
}

/** A product stream, as Red Hat names them. */
function addStream(file: CsafFile, id: string, cpe: string): void {
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
function addBuild(file: CsafFile, stream: string, nevra: string, purl?: string): string {
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

function addRemediation(file: CsafFile, category: string, id: string): void {
  file.vulnerabilities[0].remediations.push({ category, product_ids: [id] });
}

function addStatus(file: CsafFile, list: StatusList, id: string, remediation?: string): void {
  const vulnerability = file.vulnerabilities[0];
  const status = (vulnerability.product_status ??= {});
  (status[list] ??= []).push(id);
  if (remediation) vulnerability.remediations.push({ category: remediation, product_ids: [id] });
}

/**
 * RHSA-2024:6163 with binary rpms: the full advisory lists every binary of python3.9's build per
 * stream and arch, with the source rpm, in product_status.fixed and the vendor_fix remediation.
 */
function rhsaWithBinaries(): CsafFile {
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
function vex(): CsafFile {
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

const fixedIn = (ecosystem: string, name: string, fixed: string) => ({
  ecosystem,
  name,
  introduced: '0',
  fixed,
  lastAffected: null,
  status: 'affected',
});
const unfixedIn = (ecosystem: string, name: string, status: 'affected' | 'wont-fix' | 'not-affected') => ({
  ecosystem,
  name,
  introduced: '0',
  fixed: null,
  lastAffected: null,
  status,
});

const RHSA_ADVISORY = {
  id: 'RHSA-2024:6163',
  source: 'csaf',
  summary: 'Red Hat Security Advisory: python3.9 security update',
  severity: 'Moderate',
  published: '2024-09-03T17:57:24.000Z',
  modified: '2026-03-26T18:50:03.000Z',
  withdrawn: null,
  cves: ['CVE-2024-8088'],
};
const VEX_ADVISORY = {
  id: 'RHVEX-CVE-2024-10041',
  source: 'csaf',
  summary: 'pam: libpam: Libpam vulnerable to read hashed password',
  severity: 'Moderate',
  published: '2024-10-18T00:00:00.000Z',
  modified: '2024-12-18T09:14:23.000Z',
  withdrawn: null,
  cves: ['CVE-2024-10041'],
  // RHSA-2024:9941's build in RHEL 9; RHEL 7's pam, by source package, out of support scope.
  packages: [fixedIn('Red Hat:9', 'pam', '1.5.1-21.el9_5'), unfixedIn('Red Hat:7', 'pam', 'wont-fix')],
};

describe('reading Red Hat CSAF documents', () => {
  it('tells a CSAF document from its first 4 KB', () => {
    const head = (path: string) => readFileSync(path, 'utf8').slice(0, 4096);
    expect(isCsafHead(head(RHSA))).toBe(true);
    expect(isCsafHead(head(VEX))).toBe(true);
    expect(isCsafHead(head('test/fixtures/feeds/osv/almalinux9-ALSA-2024-2433.json'))).toBe(false);
    expect(isCsafHead(head('test/fixtures/feeds/kev/kev_slice.json'))).toBe(false);
    expect(isCsafHead('csaf_version,2.0\n')).toBe(false);
  });

  it.each([
    {
      file: 'RHSA-2024:6163 as shortened, naming only its source rpm',
      text: () => readFileSync(RHSA, 'utf8'),
      // The three streams' source rpm (AppStream, BaseOS, CRB of 9.4.0.Z.MAIN.EUS, all
      // enterprise_linux:9) is one interval, under the source rpm's name.
      advisory: { ...RHSA_ADVISORY, packages: [fixedIn('Red Hat:9', 'python3.9', '3.9.18-3.el9_4.5')] },
    },
    {
      file: 'RHSA-2024:6163 with its binary rpms',
      text: () => JSON.stringify(rhsaWithBinaries()),
      advisory: {
        ...RHSA_ADVISORY,
        // One interval per name: python3-libs's two arches share it, and the source rpm keeps its own.
        packages: [
          fixedIn('Red Hat:9', 'python3.9', '3.9.18-3.el9_4.5'),
          fixedIn('Red Hat:9', 'python3', '3.9.18-3.el9_4.5'),
          fixedIn('Red Hat:9', 'python3-libs', '3.9.18-3.el9_4.5'),
          fixedIn('Red Hat:9', 'python3-devel', '3.9.18-3.el9_4.5'),
        ],
      },
    },
    {
      // No product_status: the remediations say it, and red_hat_enterprise_linux_7:pam, which the
      // shortened tree no longer defines, is read by its id.
      file: 'the VEX file of CVE-2024-10041 as shortened',
      text: () => readFileSync(VEX, 'utf8'),
      advisory: VEX_ADVISORY,
    },
    {
      file: 'the VEX file of CVE-2024-10041 with its product_status and RHEL 7 product',
      text: () => JSON.stringify(vex()),
      advisory: VEX_ADVISORY,
    },
  ])('reads $file', ({ text, advisory }) => {
    expect(parseCsaf('file.json', text())).toEqual({
      records: [advisory],
      dataDate: advisory.modified,
      version: '2.0',
      skipped: [],
    });
  });

  it.each([
    { list: 'known_affected', remediation: 'no_fix_planned', status: 'wont-fix' },
    { list: 'known_affected', remediation: 'none_available', status: 'affected' },
    { list: 'known_affected', remediation: 'workaround', status: 'affected' },
    { list: 'known_affected', remediation: undefined, status: 'affected' },
    { list: 'under_investigation', remediation: undefined, status: 'affected' },
    { list: 'known_not_affected', remediation: undefined, status: 'not-affected' },
  ] as const)('reads $list with $remediation as $status, without a fix', ({ list, remediation, status }) => {
    const file = vex();
    addStream(file, 'red_hat_enterprise_linux_8', 'cpe:/o:redhat:enterprise_linux:8');
    const id = addBuild(file, 'red_hat_enterprise_linux_8', 'pam');
    addStatus(file, list, id, remediation);
    expect(parse(file)[0]?.packages.find((p) => p.ecosystem === 'Red Hat:8')).toEqual({
      ecosystem: 'Red Hat:8',
      name: 'pam',
      introduced: '0',
      fixed: null,
      lastAffected: null,
      status,
    });
  });

  it.each([
    { remediation: 'no_fix_planned', expected: unfixedIn('Red Hat:8', 'pam', 'wont-fix') },
    { remediation: 'none_available', expected: unfixedIn('Red Hat:8', 'pam', 'affected') },
    { remediation: 'fix_planned', expected: unfixedIn('Red Hat:8', 'pam', 'affected') },
    // Says what to do meanwhile, not whether the product is affected.
    { remediation: 'workaround', expected: undefined },
    { remediation: 'mitigation', expected: undefined },
    // A fix names a build; a bare component has no version to compare.
    { remediation: 'vendor_fix', expected: undefined },
  ])('without product_status, reads $remediation alone as $expected.status', ({ remediation, expected }) => {
    const file = load(VEX);
    addStream(file, 'red_hat_enterprise_linux_8', 'cpe:/o:redhat:enterprise_linux:8');
    addRemediation(file, remediation, addBuild(file, 'red_hat_enterprise_linux_8', 'pam'));
    expect(packagesIn(file, 'Red Hat:8')).toEqual(expected === undefined ? [] : [expected]);
  });

  it('without product_status, reads a vendor fix of a build, and of a group, as fixed at its version', () => {
    const file = load(VEX);
    addStream(file, 'BaseOS-8.10.0.Z.MAIN', 'cpe:/o:redhat:enterprise_linux:8::baseos');
    const purl = 'pkg:rpm/redhat/pam@1.3.1-36.el8_10?arch=x86_64';
    addRemediation(file, 'vendor_fix', addBuild(file, 'BaseOS-8.10.0.Z.MAIN', 'pam-0:1.3.1-36.el8_10.x86_64', purl));
    const devel = 'pkg:rpm/redhat/pam-devel@1.3.1-36.el8_10?arch=x86_64';
    const grouped = addBuild(file, 'BaseOS-8.10.0.Z.MAIN', 'pam-devel-0:1.3.1-36.el8_10.x86_64', devel);
    Object.assign(file.product_tree, { product_groups: [{ group_id: 'pam-8', product_ids: [grouped] }] });
    file.vulnerabilities[0].remediations.push({ category: 'vendor_fix', product_ids: [], group_ids: ['pam-8'] });
    expect(packagesIn(file, 'Red Hat:8')).toEqual([
      fixedIn('Red Hat:8', 'pam', '1.3.1-36.el8_10'),
      fixedIn('Red Hat:8', 'pam-devel', '1.3.1-36.el8_10'),
    ]);
  });

  it.each([
    { id: 'red_hat_enterprise_linux_8:pam', read: [unfixedIn('Red Hat:8', 'pam', 'affected')] },
    { id: 'red_hat_enterprise_linux_10:pam', read: [unfixedIn('Red Hat:10', 'pam', 'affected')] },
    // Not the main stream of a major release, or not a package name: left out and counted.
    { id: 'red_hat_enterprise_linux_8_eus:pam', read: [] },
    { id: 'rhel_eus:9.4:pam', read: [] },
    { id: 'openshift-4.16:pam', read: [] },
    { id: 'red_hat_enterprise_linux_8:nodejs:18/nodejs', read: [] },
    { id: 'red_hat_enterprise_linux_8:pam;rm -rf', read: [] },
    { id: 'pam-devel', read: [] },
  ])('without product_status, reads the undefined remediation product $id by its name', ({ id, read }) => {
    const file = load(VEX);
    addRemediation(file, 'none_available', id);
    const data = parseCsaf('file.json', JSON.stringify(file));
    const packages = data.records[0]?.packages ?? [];
    // What the rest of the file says stands either way.
    expect(packages.slice(0, 2)).toEqual(VEX_ADVISORY.packages);
    expect(packages.slice(2)).toEqual(read);
    expect(data.skipped).toEqual(read.length > 0 ? [] : [id]);
  });

  it('without product_status, counts an unreadable product of a workaround, which says nothing either way', () => {
    const file = load(VEX);
    addRemediation(file, 'workaround', 'red_hat_enterprise_linux_8:pam');
    addRemediation(file, 'mitigation', 'rhel-8:pam');
    const data = parseCsaf('file.json', JSON.stringify(file));
    expect(data.records[0]?.packages).toEqual(VEX_ADVISORY.packages);
    expect(data.skipped).toEqual(['rhel-8:pam']);
  });

  it('with product_status, leaves out and counts a remediation product the tree does not define', () => {
    // The shortened VEX file with its fixes put back: product_status lists what the file says of
    // each product, and it does not list RHEL 7's pam.
    const file = load(VEX);
    file.vulnerabilities[0].product_status = {
      fixed: [...(file.vulnerabilities[0].remediations[0]?.product_ids ?? [])],
    };
    addRemediation(file, 'workaround', 'rhel-7:pam');
    const data = parseCsaf('file.json', JSON.stringify(file));
    expect(data.records[0]?.packages).toEqual([fixedIn('Red Hat:9', 'pam', '1.5.1-21.el9_5')]);
    expect(data.skipped).toEqual(['red_hat_enterprise_linux_7:pam', 'rhel-7:pam']);
  });

  it('keeps the main stream over EUS, the newer of two main-stream fixes, and epochs other than 0', () => {
    const file = vex();
    addStream(file, 'BaseOS-9.4.0.Z.EUS', 'cpe:/o:redhat:rhel_eus:9.4::baseos');
    addStream(file, 'BaseOS-9.4.0.Z.MAIN.EUS', 'cpe:/o:redhat:enterprise_linux:9::baseos');
    addStream(file, 'AppStream-9.2.0.Z.EUS', 'cpe:/a:redhat:rhel_eus:9.2::appstream');
    addStream(file, 'openshift-4.16', 'cpe:/a:redhat:openshift:4.16::el9');
    const builds: [string, string, string][] = [
      // EUS has a newer build than the main stream here; the main stream's still wins.
      ['BaseOS-9.4.0.Z.EUS', 'pam-0:1.5.1-22.el9_4.x86_64', 'pkg:rpm/redhat/pam@1.5.1-22.el9_4?arch=x86_64'],
      ['BaseOS-9.4.0.Z.MAIN.EUS', 'pam-0:1.5.1-19.el9_4.1.x86_64', 'pkg:rpm/redhat/pam@1.5.1-19.el9_4.1?arch=x86_64'],
      // Only an EUS stream fixes pam-devel: that is all there is to say about it.
      [
        'AppStream-9.2.0.Z.EUS',
        'pam-devel-0:1.5.1-14.el9_2.1.x86_64',
        'pkg:rpm/redhat/pam-devel@1.5.1-14.el9_2.1?arch=x86_64',
      ],
      // OpenShift's rpms are not a RHEL host's.
      [
        'openshift-4.16',
        'pam-0:1.5.1-30.rhaos4.16.el9.x86_64',
        'pkg:rpm/redhat/pam@1.5.1-30.rhaos4.16.el9?arch=x86_64',
      ],
      ['BaseOS-9.4.0.Z.MAIN.EUS', 'libpam-1:2.0-1.el9.x86_64', 'pkg:rpm/redhat/libpam@2.0-1.el9?arch=x86_64&epoch=1'],
      [
        'BaseOS-9.4.0.Z.MAIN.EUS',
        'libstdc++-0:11.4.1-3.el9.x86_64',
        'pkg:rpm/redhat/libstdc%2B%2B@11.4.1-3.el9?arch=x86_64',
      ],
    ];
    for (const [stream, nevra, purl] of builds) addStatus(file, 'fixed', addBuild(file, stream, nevra, purl));
    expect(parse(file)[0]?.packages.filter((p) => p.ecosystem === 'Red Hat:9')).toEqual([
      fixedIn('Red Hat:9', 'pam', '1.5.1-21.el9_5'),
      fixedIn('Red Hat:9', 'pam-devel', '1.5.1-14.el9_2.1'),
      fixedIn('Red Hat:9', 'libpam', '1:2.0-1.el9'),
      fixedIn('Red Hat:9', 'libstdc++', '11.4.1-3.el9'),
    ]);
  });

  it('reads the version from Red Hat product ids when a build has no purl', () => {
    const file = vex();
    addStatus(file, 'fixed', addBuild(file, 'BaseOS-9.5.0.Z.MAIN', 'pam-docs-0:1.5.1-21.el9_5.noarch'));
    expect(parse(file)[0]?.packages).toContainEqual(fixedIn('Red Hat:9', 'pam-docs', '1.5.1-21.el9_5'));
  });
});

describe('matching a RHEL host against Red Hat CSAF', () => {
  /** What advisories.forEcosystem hands the queue: only the intervals of the host's release. */
  const forRelease = (advisories: Advisory[], ecosystem: string): Advisory[] =>
    advisories.map((a) => ({ ...a, packages: a.packages.filter((p) => p.ecosystem === ecosystem) }));
  const rpm = (name: string, version: string, source: string): InstalledPackage => ({
    name,
    version,
    arch: 'x86_64',
    source,
  });

  const fixture = (path: string, ecosystem: string) =>
    indexAdvisories(forRelease(parseCsaf(path, readFileSync(path, 'utf8')).records, ecosystem));

  it('finds pam older than the VEX fix vulnerable, and the fixed build clean', () => {
    const index = fixture(VEX, 'Red Hat:9');
    expect(
      matchPackages('rhel', [rpm('pam', '1.5.1-20.el9', 'pam'), rpm('bash', '5.1.8-9.el9', 'bash')], index),
    ).toEqual([
      {
        advisory: 'RHVEX-CVE-2024-10041',
        cves: ['CVE-2024-10041'],
        severity: 'Moderate',
        package: 'pam',
        installed: '1.5.1-20.el9',
        fixed: '1.5.1-21.el9_5',
        state: 'vulnerable',
      },
    ]);
    expect(matchPackages('rhel', [rpm('pam', '1.5.1-21.el9_5', 'pam')], index)).toEqual([]);
  });

  it('finds python3-libs one build before RHSA-2024:6163 vulnerable through its source rpm, and its build clean', () => {
    const index = fixture(RHSA, 'Red Hat:9');
    expect(matchPackages('rhel', [rpm('python3-libs', '3.9.18-3.el9_4.4', 'python3.9')], index)).toEqual([
      {
        advisory: 'RHSA-2024:6163',
        cves: ['CVE-2024-8088'],
        severity: 'Moderate',
        package: 'python3-libs',
        installed: '3.9.18-3.el9_4.4',
        fixed: '3.9.18-3.el9_4.5',
        state: 'vulnerable',
      },
    ]);
    expect(matchPackages('rhel', [rpm('python3-libs', '3.9.18-3.el9_4.5', 'python3.9')], index)).toEqual([]);
    // Another source's package of the same name prefix is not reached.
    expect(matchPackages('rhel', [rpm('python3.11-libs', '3.11.7-1.el9', 'python3.11')], index)).toEqual([]);
  });

  it('reports python3-libs once when RHSA-2024:6163 names both its binary and its source rpm', () => {
    const index = indexAdvisories(forRelease(parse(rhsaWithBinaries()), 'Red Hat:9'));
    expect(matchPackages('rhel', [rpm('python3-libs', '3.9.18-3.el9_4.4', 'python3.9')], index)).toMatchObject([
      { advisory: 'RHSA-2024:6163', package: 'python3-libs', fixed: '3.9.18-3.el9_4.5', state: 'vulnerable' },
    ]);
  });

  it("reports RHEL 7's pam and what it builds as ones Red Hat will not fix", () => {
    const index = fixture(VEX, 'Red Hat:7');
    const found = matchPackages(
      'rhel',
      [
        rpm('pam', '1.1.8-23.el7', 'pam'),
        rpm('pam-devel', '1.1.8-23.el7', 'pam'),
        rpm('bash', '4.2.46-35.el7', 'bash'),
      ],
      index,
    );
    expect(found.map((f) => [f.advisory, f.package, f.fixed, f.state])).toEqual([
      ['RHVEX-CVE-2024-10041', 'pam', null, 'wont-fix'],
      ['RHVEX-CVE-2024-10041', 'pam-devel', null, 'wont-fix'],
    ]);
  });
});

describe('refusing CSAF documents Patchwise cannot trust', () => {
  const refusal = (text: string): AppError => {
    try {
      parseCsaf('feed.json', text);
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
    throw new Error('the document was accepted');
  };
  const edited = (edit: (file: CsafFile) => void): string => {
    const file = vex();
    edit(file);
    return JSON.stringify(file);
  };

  it.each([
    {
      what: 'a file cut short',
      text: () => readFileSync(VEX, 'utf8').slice(0, 3000),
      message: /^feed\.json: not valid JSON, perhaps cut short/,
    },
    {
      what: 'a document without a tracking id',
      text: () => edited((file) => delete file.document.tracking.id),
      message: /^feed\.json: not a CSAF document: document\.tracking\.id tracking\.id must name the document/,
    },
    {
      what: 'a product status naming a product the tree does not define',
      text: () =>
        edited((file) => {
          addStatus(file, 'fixed', 'BaseOS-9.5.0.Z.MAIN:pam-0:1.5.1-22.el9_5.x86_64');
        }),
      message:
        /^feed\.json: CVE-2024-10041 product_status\.fixed names the product "BaseOS-9\.5\.0\.Z\.MAIN:pam-0:1\.5\.1-22\.el9_5\.x86_64", which its product_tree does not define$/,
    },
    {
      what: 'a remediation naming a product group the tree does not define',
      text: () =>
        edited((file) => {
          file.vulnerabilities[0].remediations.push({ category: 'workaround', product_ids: [], group_ids: ['g'] });
        }),
      message:
        /^feed\.json: CVE-2024-10041 remediation workaround names the product group "g", which its product_tree does not define$/,
    },
    {
      what: 'a relationship to a stream the tree does not define',
      text: () =>
        edited((file) => {
          addStatus(file, 'fixed', addBuild(file, 'BaseOS-9.6.0.Z.MAIN', 'pam'));
        }),
      message: /the relationship BaseOS-9\.6\.0\.Z\.MAIN:pam names the product "BaseOS-9\.6\.0\.Z\.MAIN"/,
    },
    {
      what: 'a fixed build whose version is not an rpm version',
      text: () =>
        edited((file) => {
          const purl = 'pkg:rpm/redhat/pam@1.5.1-?arch=x86_64';
          addStatus(file, 'fixed', addBuild(file, 'BaseOS-9.5.0.Z.MAIN', 'pam-x', purl));
        }),
      message: /BaseOS-9\.5\.0\.Z\.MAIN:pam-x has 1\.5\.1-, not an rpm version/,
    },
    {
      what: 'an rpm name no package can have',
      text: () =>
        edited((file) => {
          const purl = 'pkg:rpm/redhat/pam%3Brm%20-rf@1.5.1-22.el9?arch=x86_64';
          addStatus(file, 'fixed', addBuild(file, 'BaseOS-9.5.0.Z.MAIN', 'pam-y', purl));
        }),
      message: /the product pam-y names "pam;rm -rf", which is not an rpm name/,
    },
    {
      what: 'a CSAF document of another kind',
      text: () => edited((file) => (file.document.category = 'csaf_base')),
      message: /CVE-2024-10041 is a csaf_base document; Patchwise reads security advisories/,
    },
    {
      what: 'a document whose every remediation names a product of no recognisable release',
      text: () => {
        const file = load(VEX);
        file.vulnerabilities[0].remediations = [{ category: 'no_fix_planned', product_ids: ['rhel-7:pam'] }];
        return JSON.stringify(file);
      },
      message:
        /^feed\.json: CVE-2024-10041 names no rpm of a Red Hat Enterprise Linux release \(it left out 1 remediation product id its product_tree does not define: rhel-7:pam\)$/,
    },
    {
      what: 'a document of no RHEL rpm at all',
      text: () => {
        const file = load(VEX);
        file.vulnerabilities[0].remediations = [];
        return JSON.stringify(file);
      },
      message: /^feed\.json: CVE-2024-10041 names no rpm of a Red Hat Enterprise Linux release$/,
    },
  ])('refuses $what', ({ text, message }) => {
    const error = refusal(text());
    expect(error.code).toBe('feed_invalid');
    expect(error.message).toMatch(message);
  });
});
