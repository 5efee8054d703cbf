import type { Advisory } from './definitions';

/**
 * updateinfo.xml as Red Hat, Rocky and Fedora publish it (the shape libsolv and dnf read):
 * <updates><update type=… status=…><id/><title/><issued/>…<references/><pkglist/></update></updates>.
 * Pure: the builder hands in what it built, with checksums.
 */

export interface AdvisoryPackage {
  name: string;
  epoch: number;
  version: string;
  release: string;
  arch: string;
  fileName: string;
  sha256: string;
}

export interface AdvisoryEntry {
  advisory: Advisory;
  cves: readonly string[];
  packages: readonly AdvisoryPackage[];
}

/** Where the synthetic advisories and CVEs "live"; .invalid so nothing can ever resolve them. */
const LAB_SITE = 'https://lab.patchwise.invalid';

export function xmlEscape(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

const attrs = (values: Record<string, string>): string =>
  Object.entries(values)
    .map(([name, value]) => ` ${name}="${xmlEscape(value)}"`)
    .join('');

function packageXml(pkg: AdvisoryPackage, rebootSuggested: boolean): string[] {
  const src = `${pkg.name}-${pkg.version}-${pkg.release}.src.rpm`;
  const { name, version, release, arch } = pkg;
  return [
    `        <package${attrs({ name, version, release, epoch: String(pkg.epoch), arch, src })}>`,
    `          <filename>${xmlEscape(pkg.fileName)}</filename>`,
    `          <sum type="sha256">${pkg.sha256}</sum>`,
    ...(rebootSuggested ? ['          <reboot_suggested>True</reboot_suggested>'] : []),
    '        </package>',
  ];
}

function updateXml({ advisory, cves, packages }: AdvisoryEntry): string[] {
  const date = `${advisory.issued} 00:00:00`;
  const references = [
    { href: `${LAB_SITE}/errata/${advisory.id}`, id: advisory.id, type: 'self', title: advisory.id },
    ...cves.map((cve) => ({ href: `${LAB_SITE}/cve/${cve}`, id: cve, type: 'cve', title: cve })),
  ];
  const names = [...new Set(packages.map((pkg) => pkg.name))].join(', ');
  return [
    `  <update${attrs({ from: 'lab@patchwise.invalid', status: 'final', type: advisory.type, version: '2' })}>`,
    `    <id>${xmlEscape(advisory.id)}</id>`,
    `    <title>${xmlEscape(advisory.title)}</title>`,
    `    <issued date="${date}"/>`,
    `    <updated date="${date}"/>`,
    '    <rights>SYNTHETIC advisory made for the Patchwise lab; not issued by Rocky Linux or Red Hat.</rights>',
    '    <release>Rocky Linux 9</release>',
    '    <pushcount>1</pushcount>',
    ...(advisory.severity !== undefined ? [`    <severity>${advisory.severity}</severity>`] : []),
    `    <summary>${xmlEscape(`An update for ${names} is now available for the Patchwise lab (synthetic).`)}</summary>`,
    `    <description>${xmlEscape(advisory.description)}</description>`,
    '    <solution>Update the listed packages from the lab repository.</solution>',
    '    <references>',
    ...references.map((reference) => `      <reference${attrs(reference)}/>`),
    '    </references>',
    '    <pkglist>',
    '      <collection short="patchwise-lab-rocky-9">',
    '        <name>Patchwise lab repository (Rocky Linux 9)</name>',
    ...packages.flatMap((pkg) => packageXml(pkg, advisory.rebootSuggested === true)),
    '      </collection>',
    '    </pkglist>',
    '  </update>',
  ];
}

export function updateinfoXml(entries: readonly AdvisoryEntry[]): string {
  const sorted = [...entries].sort((a, b) => (a.advisory.id < b.advisory.id ? -1 : 1));
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<updates>', ...sorted.flatMap(updateXml), '</updates>', ''].join(
    '\n',
  );
}
