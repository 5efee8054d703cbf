import { z } from 'zod';

/**
 * The shape of the lab's package definitions (resources/lab/packages/). Every value that ends up
 * in a command line, a control file or a generated .spec is held to a strict pattern here, so the
 * builders can pass them to fixed templates without quoting (STYLE.md habit 8).
 */

const PACKAGE_NAME = /^[a-z0-9][a-z0-9+.-]*$/;
/** Upstream versions: no `-` (it separates the revision) and no `:` (it ends an epoch). */
const UPSTREAM_VERSION = /^[0-9][A-Za-z0-9.+~]*$/;
const REVISION = /^[0-9][A-Za-z0-9.+~_]*$/;
/** Absolute install paths: no `..`, no glob or macro characters (`*?[]%` mean something in .spec). */
const ABSOLUTE_PATH = /^(\/[A-Za-z0-9_+-][A-Za-z0-9._+-]*)+$/;
const RELATIVE_PATH = /^[A-Za-z0-9_+-][A-Za-z0-9._+-]*(\/[A-Za-z0-9_+-][A-Za-z0-9._+-]*)*$/;
const DEB_DEPENDENCY = /^[a-z0-9][a-z0-9+.-]*( \((<<|<=|=|>=|>>) [0-9][A-Za-z0-9.+~:-]*\))?$/;
/** rpm capabilities: names, file paths and `name(qualifier)` forms, with an optional version. */
const RPM_CAPABILITY =
  /^[A-Za-z0-9_/][A-Za-z0-9_.+/()-]*(\([A-Za-z0-9_.:-]*\))*( (<|<=|=|>=|>) [0-9][A-Za-z0-9.+~:_-]*)?$/;
const CVE_ID = /^CVE-[0-9]{4}-[0-9]{4,}$/;
const ADVISORY_ID = /^RL[SBE]A-[0-9]{4}:[0-9]{4,}$/;
const ISO_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const VAR_NAME = /^[A-Z][A-Z0-9_]*$/;
/** One line of human text: printable, no control characters (they would break control files). */
const TEXT_LINE = /^[\x20-\x7e]+$/;

const packageName = z.string().regex(PACKAGE_NAME);
const upstreamVersion = z.string().regex(UPSTREAM_VERSION);
const absolutePath = z.string().regex(ABSOLUTE_PATH);
const relativePath = z.string().regex(RELATIVE_PATH);
const textLine = z.string().max(200).regex(TEXT_LINE);
const fileMode = z.string().regex(/^0[0-7]{3}$/);

/** `only` limits a file to one format, e.g. dnf's needs-restarting.d config is rpm-only. */
const fileCommon = { from: relativePath, to: absolutePath, mode: fileMode, only: z.enum(['deb', 'rpm']).optional() };

export const fileEntrySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('copy'), ...fileCommon }),
  /** `@NAME@` placeholders are replaced by VERSION, DEB_VERSION, RPM_EVR and the version's vars. */
  z.strictObject({ kind: z.literal('template'), ...fileCommon }),
  /** Compiled with gcc at build time, with -DLAB_VERSION="<version>". */
  z.strictObject({
    kind: z.literal('c-shared-library'),
    ...fileCommon,
    soname: z.string().regex(/^lib[a-z0-9_-]+\.so\.[0-9]+$/),
  }),
]);

const scriptsSchema = z.strictObject({
  deb: z
    .strictObject({ preinst: relativePath, postinst: relativePath, prerm: relativePath, postrm: relativePath })
    .partial()
    .optional(),
  rpm: z
    .strictObject({ pre: relativePath, post: relativePath, preun: relativePath, postun: relativePath })
    .partial()
    .optional(),
});

const advisorySchema = z.strictObject({
  id: z.string().regex(ADVISORY_ID),
  type: z.enum(['security', 'bugfix', 'enhancement']),
  severity: z.enum(['Critical', 'Important', 'Moderate', 'Low']).optional(),
  title: textLine,
  issued: z.string().regex(ISO_DATE),
  description: z.string().max(2000).regex(TEXT_LINE),
  rebootSuggested: z.boolean().optional(),
});

const varsSchema = z.record(z.string().regex(VAR_NAME), z.string().regex(/^[A-Za-z0-9 ._:+~-]*$/));

/** What a version is for in the lab's scenarios, so hosts and tests need not hard-code versions. */
export const VERSION_ROLES = ['baseline', 'security-fix', 'regression', 'broken-upgrade'] as const;

const versionSchema = z.strictObject({
  version: upstreamVersion,
  debRevision: z.string().regex(REVISION),
  rpmRelease: z.string().regex(REVISION),
  role: z.enum(VERSION_ROLES),
  date: z.string().regex(ISO_DATE),
  changes: z.array(textLine).min(1),
  fixes: z.array(z.string().regex(CVE_ID)),
  vars: varsSchema.optional(),
  scripts: scriptsSchema.optional(),
  advisory: advisorySchema.optional(),
});

export const packageDefinitionSchema = z
  .strictObject({
    name: packageName,
    summary: textLine,
    description: z.array(textLine).min(1),
    license: z.string().regex(/^[A-Za-z0-9.+-]+$/),
    /** `native`: compiled code, built for this machine's architecture; `all`: noarch. */
    architecture: z.enum(['native', 'all']),
    deb: z.strictObject({
      package: packageName,
      source: packageName.optional(),
      section: z.string().regex(/^[a-z]+$/),
      depends: z.array(z.string().regex(DEB_DEPENDENCY)),
    }),
    rpm: z.strictObject({
      name: packageName,
      group: textLine,
      requires: z.array(z.string().regex(RPM_CAPABILITY)),
    }),
    /** Directories the package owns (rpm `%dir`), so removing it leaves nothing behind. */
    dirs: z.array(absolutePath),
    files: z.array(fileEntrySchema).min(1),
    scripts: scriptsSchema,
    vars: varsSchema,
    initialVersion: upstreamVersion,
    versions: z.array(versionSchema).min(1),
  })
  .refine((definition) => definition.versions.some((entry) => entry.version === definition.initialVersion), {
    error: 'initialVersion must be one of the versions',
  });

export const systemPackagesSchema = z.strictObject({
  comment: z.string(),
  packages: z
    .array(
      z.strictObject({
        name: packageName,
        epoch: z.number().int().min(1).optional(),
        version: upstreamVersion,
        release: z.string().regex(REVISION),
        arch: z.enum(['native', 'noarch']),
        summary: textLine,
        provides: z.array(z.string().regex(RPM_CAPABILITY)),
      }),
    )
    .min(1),
});

export type FileEntry = z.output<typeof fileEntrySchema>;
export type PackageScripts = z.output<typeof scriptsSchema>;
export type Advisory = z.output<typeof advisorySchema>;
export type VersionRole = (typeof VERSION_ROLES)[number];
export type VersionDefinition = z.output<typeof versionSchema>;
export type PackageDefinition = z.output<typeof packageDefinitionSchema>;
export type SystemPackage = z.output<typeof systemPackagesSchema>['packages'][number];

export type DebScriptName = 'preinst' | 'postinst' | 'prerm' | 'postrm';
export type RpmScriptName = 'pre' | 'post' | 'preun' | 'postun';

/** The scripts of one version: the package's scripts, each overridable per version. */
export function scriptsFor(definition: PackageDefinition, version: VersionDefinition): Required<PackageScripts> {
  return {
    deb: { ...definition.scripts.deb, ...version.scripts?.deb },
    rpm: { ...definition.scripts.rpm, ...version.scripts?.rpm },
  };
}

export const debVersion = (version: VersionDefinition): string => `${version.version}-${version.debRevision}`;
export const rpmVersionRelease = (version: VersionDefinition): string => `${version.version}-${version.rpmRelease}`;
