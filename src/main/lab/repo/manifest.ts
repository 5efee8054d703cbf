import { z } from 'zod';
import { VERSION_ROLES } from './definitions';

/**
 * What a lab repository build produced, for host setup and tests: where each repository is, and
 * per package every version with its .deb and .rpm. Written to `outDir/lab-repositories.json`
 * last, so its presence (with a matching definitions hash) means the build in outDir is whole.
 */

const file = z.strictObject({
  /** The file's name inside its repository folder (what apt and dnf fetch). */
  file: z.string(),
  /** Absolute path on this machine. */
  path: z.string(),
});

export const labPackageVersionSchema = z.strictObject({
  /** Upstream version, e.g. "2.1". */
  version: z.string(),
  role: z.enum(VERSION_ROLES),
  /** The version to install when a host is set up (the old, vulnerable one). */
  initial: z.boolean(),
  /** CVEs this version fixes. */
  fixes: z.array(z.string()),
  deb: file.extend({ package: z.string(), version: z.string(), architecture: z.string() }),
  rpm: file.extend({
    name: z.string(),
    /** version-release, e.g. "2.1-1.el9" (the lab packages have no epoch). */
    versionRelease: z.string(),
    arch: z.string(),
    /** The updateinfo advisory that ships this version, if any. */
    advisory: z.string().optional(),
  }),
});

export const labPackageSchema = z.strictObject({
  name: z.string(),
  debPackage: z.string(),
  debSource: z.string(),
  rpmName: z.string(),
  initialVersion: z.string(),
  versions: z.array(labPackageVersionSchema),
});

export const labSystemPackageSchema = file.extend({
  name: z.string(),
  epoch: z.number().int().optional(),
  version: z.string(),
  release: z.string(),
  arch: z.string(),
  /** As `rpm -qa` prints it: name-[epoch:]version-release.arch. */
  nevra: z.string(),
});

export const labAdvisorySchema = z.strictObject({
  id: z.string(),
  type: z.enum(['security', 'bugfix', 'enhancement']),
  severity: z.string().optional(),
  cves: z.array(z.string()),
  package: z.string(),
  version: z.string(),
});

export const labRepositoriesSchema = z.strictObject({
  outDir: z.string(),
  /** sha256 of the definitions, the build format, architecture and SOURCE_DATE_EPOCH. */
  definitionsHash: z.string(),
  sourceDateEpoch: z.number().int(),
  /** True when this call found an up-to-date build in outDir and built nothing. */
  reused: z.boolean(),
  apt: z.strictObject({ dir: z.string(), packagesFile: z.string(), releaseFile: z.string() }),
  rpm: z.strictObject({ dir: z.string(), repomdFile: z.string(), updateinfoFile: z.string() }),
  rockyBase: z.strictObject({ dir: z.string(), packages: z.array(labSystemPackageSchema) }),
  packages: z.array(labPackageSchema),
  advisories: z.array(labAdvisorySchema),
});

export type LabPackageVersion = z.output<typeof labPackageVersionSchema>;
export type LabPackage = z.output<typeof labPackageSchema>;
export type LabSystemPackage = z.output<typeof labSystemPackageSchema>;
export type LabAdvisory = z.output<typeof labAdvisorySchema>;
export type LabRepositories = z.output<typeof labRepositoriesSchema>;

export const MANIFEST_FILE = 'lab-repositories.json';

/** The package's version by upstream version; undefined when there is none. */
export function labVersion(pkg: LabPackage, version: string): LabPackageVersion | undefined {
  return pkg.versions.find((entry) => entry.version === version);
}

/** The version a host gets first (libdemo 1.0, demo-http 2.0, …). */
export function initialLabVersion(pkg: LabPackage): LabPackageVersion {
  const initial = pkg.versions.find((entry) => entry.initial);
  if (!initial) throw new Error(`Lab package ${pkg.name} has no initial version.`);
  return initial;
}
