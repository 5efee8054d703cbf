import { describe, expect, it } from 'vitest';
import { parseCsaf } from '../../src/main/feeds/csaf';
import { addBuild, addStatus, load, vex, VEX, type CsafFile } from './csaf-documents';
import { read } from './fixtures';
import { refusal } from './refusal';

describe('refusing CSAF documents Patchwise cannot trust', () => {
  const edited = (edit: (file: CsafFile) => void): string => {
    const file = vex();
    edit(file);
    return JSON.stringify(file);
  };

  it.each([
    {
      what: 'a file cut short',
      text: () => read(VEX).slice(0, 3000),
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
    const refused = refusal(() => parseCsaf('feed.json', text()));
    expect(refused.code).toBe('feed_invalid');
    expect(refused.message).toMatch(message);
  });
});
