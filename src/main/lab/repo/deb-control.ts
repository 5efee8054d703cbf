import type { PackageDefinition, VersionDefinition } from './definitions';
import { debVersion } from './definitions';
import type { StagedFile } from './stage';

/** Pure text of a .deb's control members; build-deb.ts writes them. */

export const LAB_MAINTAINER = 'Patchwise Lab <lab@patchwise.invalid>';

/** dpkg counts Installed-Size in KiB, each file rounded up, plus one per directory. */
export function installedSizeKiB(files: readonly Pick<StagedFile, 'size'>[], directoryCount: number): number {
  return files.reduce((sum, file) => sum + Math.ceil(file.size / 1024), 0) + directoryCount;
}

export function debControl(
  definition: PackageDefinition,
  version: VersionDefinition,
  architecture: string,
  installedSize: number,
): string {
  const fields: [string, string | undefined][] = [
    ['Package', definition.deb.package],
    ['Source', definition.deb.source],
    ['Version', debVersion(version)],
    ['Architecture', architecture],
    ['Maintainer', LAB_MAINTAINER],
    ['Installed-Size', String(installedSize)],
    ['Depends', definition.deb.depends.length > 0 ? definition.deb.depends.join(', ') : undefined],
    ['Section', definition.deb.section],
    ['Priority', 'optional'],
    // Extended description lines start with a space; the definitions' lines are never empty.
    ['Description', [definition.summary, ...definition.description.map((line) => ` ${line}`)].join('\n')],
  ];
  return fields
    .filter((field): field is [string, string] => field[1] !== undefined)
    .map(([name, value]) => `${name}: ${value}\n`)
    .join('');
}

/** RFC 2822 date at midnight UTC, as debian/changelog trailers carry it. */
export function rfc2822(isoDate: string): string {
  return new Date(`${isoDate}T00:00:00Z`).toUTCString().replace('GMT', '+0000');
}

/**
 * /usr/share/doc/<package>/changelog.Debian: every version up to this one, newest first. Tools
 * (and admins) read CVE ids from here, as they do on real Debian systems.
 */
export function debChangelog(definition: PackageDefinition, version: VersionDefinition): string {
  const source = definition.deb.source ?? definition.deb.package;
  const upTo = definition.versions.slice(0, definition.versions.indexOf(version) + 1).reverse();
  return upTo
    .map((entry) => {
      const suite = entry.role === 'security-fix' ? 'bookworm-security' : 'bookworm';
      const changes = entry.changes.map((line) => `  * ${line}\n`).join('');
      return `${source} (${debVersion(entry)}) ${suite}; urgency=medium\n\n${changes}\n -- ${LAB_MAINTAINER}  ${rfc2822(entry.date)}\n`;
    })
    .join('\n');
}

/** DEBIAN/md5sums, which `dpkg --verify` checks installed files against. */
export function debMd5sums(files: readonly StagedFile[], extra: readonly StagedFile[] = []): string {
  return [...files, ...extra]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((file) => `${file.md5}  ${file.path.slice(1)}\n`)
    .join('');
}

/** DEBIAN/conffiles, or undefined when the package has none (debhelper writes no file then either). */
export function debConffiles(files: readonly StagedFile[]): string | undefined {
  const conffiles = files.filter((file) => file.conffile).map((file) => `${file.path}\n`);
  return conffiles.length > 0 ? conffiles.join('') : undefined;
}
