import type { PackageDefinition, VersionDefinition } from './definitions';
import { debVersion, rpmVersionRelease } from './definitions';
import { LabRepoError } from './tools';

/** The `@NAME@` values of one package version: fixed ones first, then the package's vars, then the version's. */
export function templateValues(definition: PackageDefinition, version: VersionDefinition): Record<string, string> {
  return {
    ...definition.vars,
    ...version.vars,
    VERSION: version.version,
    DEB_VERSION: debVersion(version),
    RPM_EVR: rpmVersionRelease(version),
  };
}

/**
 * Replaces every `@NAME@` in `text`. An unknown name is an error rather than left in place: a
 * service that starts with `int("@TYPO@")` would only fail on the lab host, far from the cause.
 */
export function fillTemplate(text: string, values: Readonly<Record<string, string>>, where: string): string {
  return text.replace(/@([A-Z][A-Z0-9_]*)@/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new LabRepoError('invalid_definition', `${where}: no value for @${name}@.`);
    }
    return value;
  });
}
