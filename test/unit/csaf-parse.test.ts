import { describe, expect, it } from 'vitest';
import { isCsafHead, parseCsaf } from '../../src/main/feeds/csaf';
import { fixedIn, unfixedIn } from './advisories';
import {
  addBuild,
  addRemediation,
  addStatus,
  addStream,
  load,
  parse,
  rhsaWithBinaries,
  RHSA,
  vex,
  VEX,
  type CsafFile,
} from './csaf-documents';
import { head, read } from './fixtures';

const packagesIn = (file: CsafFile, ecosystem: string) =>
  parse(file)[0]?.packages.filter((p) => p.ecosystem === ecosystem);

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
    expect(isCsafHead(head(RHSA))).toBe(true);
    expect(isCsafHead(head(VEX))).toBe(true);
    expect(isCsafHead(head('test/fixtures/feeds/osv/almalinux9-ALSA-2024-2433.json'))).toBe(false);
    expect(isCsafHead(head('test/fixtures/feeds/kev/kev_slice.json'))).toBe(false);
    expect(isCsafHead('csaf_version,2.0\n')).toBe(false);
  });

  it.each([
    {
      file: 'RHSA-2024:6163 as shortened, naming only its source rpm',
      text: () => read(RHSA),
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
      text: () => read(VEX),
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
      notes: [],
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
    expect(data.notes).toEqual([
      'CVE-2024-10041: left out 2 remediation product ids its product_tree does not define (red_hat_enterprise_linux_7:pam, rhel-7:pam)',
    ]);
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
