import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PackageDefinition, RpmScriptName, SystemPackage, VersionDefinition } from './definitions';
import { scriptsFor } from './definitions';
import { definitionFile } from './load-definitions';
import { labSpec, systemSpec } from './rpm-spec';
import type { StageContext } from './stage';
import { stagePayload } from './stage';
import { fillTemplate, templateValues } from './template';
import type { MachineArch } from './tools';
import { run } from './tools';

export const rpmArch = (definition: PackageDefinition, arch: MachineArch): string =>
  definition.architecture === 'native' ? arch.rpm : 'noarch';

export const rpmFileName = (name: string, version: string, release: string, arch: string): string =>
  `${name}-${version}-${release}.${arch}.rpm`;

/**
 * rpmbuild settings that make the output depend only on the spec and the payload: build time and
 * file times from SOURCE_DATE_EPOCH, a fixed build host, no build-id links, and none of the
 * distribution's post-install scripts (strip, compress), which differ between machines.
 */
function rpmbuildArgs(topDir: string, spec: string): string[] {
  const defines: [string, string][] = [
    ['_topdir', topDir],
    ['_tmppath', join(topDir, 'tmp')],
    ['_rpmfilename', '%%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm'],
    ['_buildhost', 'lab.patchwise.invalid'],
    ['use_source_date_epoch_as_buildtime', '1'],
    ['clamp_mtime_to_source_epoch', '1'],
    ['_build_id_links', 'none'],
    ['debug_package', '%{nil}'],
    ['__os_install_post', '%{nil}'],
    ['_binary_payload', 'w9.gzdio'],
  ];
  return ['-bb', '--quiet', ...defines.flatMap(([name, value]) => ['--define', `${name} ${value}`]), spec];
}

async function rpmbuild(topDir: string, specName: string, spec: string, sourceDateEpoch: number): Promise<string> {
  await mkdir(join(topDir, 'tmp'), { recursive: true });
  const specPath = join(topDir, specName);
  await writeFile(specPath, spec, 'utf8');
  await run('rpmbuild', rpmbuildArgs(topDir, specPath), { env: { SOURCE_DATE_EPOCH: String(sourceDateEpoch) } });
  return join(topDir, 'RPMS');
}

/** Builds one lab package version into `targetDir` and returns its file name. */
export async function buildLabRpm(
  context: StageContext,
  definition: PackageDefinition,
  version: VersionDefinition,
  arch: MachineArch,
  targetDir: string,
  sourceDateEpoch: number,
): Promise<string> {
  const topDir = join(context.workDir, 'rpm', `${definition.name}-${version.version}`);
  const stageDir = join(topDir, 'stage');
  const payload = await stagePayload(context, definition, version, 'rpm', stageDir);

  const values = templateValues(definition, version);
  const scripts: Partial<Record<RpmScriptName, string>> = {};
  for (const [name, from] of Object.entries(scriptsFor(definition, version).rpm) as [RpmScriptName, string][]) {
    const text = definitionFile(context.definitions, definition.name, from).toString('utf8');
    scripts[name] = fillTemplate(text, values, `${definition.name}/${from}`);
  }

  const spec = labSpec({ definition, version, files: payload.files, stageDir, scripts });
  const rpmsDir = await rpmbuild(topDir, `${definition.name}.spec`, spec, sourceDateEpoch);
  const fileName = rpmFileName(definition.rpm.name, version.version, version.rpmRelease, rpmArch(definition, arch));
  await copyFile(join(rpmsDir, fileName), join(targetDir, fileName));
  return fileName;
}

/** Builds one empty system package into `targetDir` and returns its file name. */
export async function buildSystemRpm(
  workDir: string,
  pkg: SystemPackage,
  arch: MachineArch,
  targetDir: string,
  sourceDateEpoch: number,
): Promise<string> {
  const topDir = join(workDir, 'rocky-base', pkg.name);
  const rpmsDir = await rpmbuild(topDir, `${pkg.name}.spec`, systemSpec(pkg), sourceDateEpoch);
  const fileName = rpmFileName(pkg.name, pkg.version, pkg.release, pkg.arch === 'noarch' ? 'noarch' : arch.rpm);
  await copyFile(join(rpmsDir, fileName), join(targetDir, fileName));
  return fileName;
}
