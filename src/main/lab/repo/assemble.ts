import { join } from 'node:path';
import { debArch, debFileName } from './build-deb';
import { rpmArch, rpmFileName } from './build-rpm';
import type { PackageDefinition, SystemPackage } from './definitions';
import { debVersion } from './definitions';
import type { LabAdvisory, LabPackage, LabSystemPackage } from './manifest';
import type { MachineArch } from './tools';
import type { AdvisoryEntry } from './updateinfo';

/**
 * Pure: what the manifest and updateinfo.xml say about a build, derived from the definitions
 * and the repository folders. File names come from the same functions the builders use.
 */

export interface RepoDirs {
  apt: string;
  rpm: string;
  rockyBase: string;
}

export function labPackages(
  definitions: readonly PackageDefinition[],
  arch: MachineArch,
  dirs: RepoDirs,
): LabPackage[] {
  return definitions.map((definition) => ({
    name: definition.name,
    debPackage: definition.deb.package,
    debSource: definition.deb.source ?? definition.deb.package,
    rpmName: definition.rpm.name,
    initialVersion: definition.initialVersion,
    versions: definition.versions.map((version) => {
      const debFile = debFileName(definition, version, arch);
      const rpmFile = rpmFileName(definition.rpm.name, version.version, version.rpmRelease, rpmArch(definition, arch));
      return {
        version: version.version,
        role: version.role,
        initial: version.version === definition.initialVersion,
        fixes: [...version.fixes],
        deb: {
          file: debFile,
          path: join(dirs.apt, debFile),
          package: definition.deb.package,
          version: debVersion(version),
          architecture: debArch(definition, arch),
        },
        rpm: {
          file: rpmFile,
          path: join(dirs.rpm, rpmFile),
          name: definition.rpm.name,
          versionRelease: `${version.version}-${version.rpmRelease}`,
          arch: rpmArch(definition, arch),
          ...(version.advisory ? { advisory: version.advisory.id } : {}),
        },
      };
    }),
  }));
}

export function labSystemPackages(
  packages: readonly SystemPackage[],
  arch: MachineArch,
  dir: string,
): LabSystemPackage[] {
  return packages.map((pkg) => {
    const rpmArchName = pkg.arch === 'noarch' ? 'noarch' : arch.rpm;
    const file = rpmFileName(pkg.name, pkg.version, pkg.release, rpmArchName);
    const epoch = pkg.epoch !== undefined ? `${String(pkg.epoch)}:` : '';
    return {
      file,
      path: join(dir, file),
      name: pkg.name,
      ...(pkg.epoch !== undefined ? { epoch: pkg.epoch } : {}),
      version: pkg.version,
      release: pkg.release,
      arch: rpmArchName,
      nevra: `${pkg.name}-${epoch}${pkg.version}-${pkg.release}.${rpmArchName}`,
    };
  });
}

/** Every advisory of the definitions, with the rpm it ships; `sha256` gives each file's checksum. */
export function advisoryEntries(
  definitions: readonly PackageDefinition[],
  arch: MachineArch,
  sha256: (fileName: string) => string,
): AdvisoryEntry[] {
  return definitions.flatMap((definition) =>
    definition.versions.flatMap((version) => {
      if (!version.advisory) return [];
      const fileName = rpmFileName(definition.rpm.name, version.version, version.rpmRelease, rpmArch(definition, arch));
      const pkg = {
        name: definition.rpm.name,
        epoch: 0,
        version: version.version,
        release: version.rpmRelease,
        arch: rpmArch(definition, arch),
        fileName,
        sha256: sha256(fileName),
      };
      return [{ advisory: version.advisory, cves: version.fixes, packages: [pkg] }];
    }),
  );
}

export function labAdvisories(entries: readonly AdvisoryEntry[]): LabAdvisory[] {
  return entries.flatMap(({ advisory, cves, packages }) =>
    packages.map((pkg) => ({
      id: advisory.id,
      type: advisory.type,
      ...(advisory.severity !== undefined ? { severity: advisory.severity } : {}),
      cves: [...cves],
      package: pkg.name,
      version: pkg.version,
    })),
  );
}
