import { createHash } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { debChangelog, debConffiles, debControl, debMd5sums, installedSizeKiB } from './deb-control';
import type { DebScriptName, PackageDefinition, VersionDefinition } from './definitions';
import { debVersion, scriptsFor } from './definitions';
import { definitionFile } from './load-definitions';
import type { StageContext, StagedFile } from './stage';
import { makeDirs, stagePayload } from './stage';
import { fillTemplate, templateValues } from './template';
import type { MachineArch } from './tools';
import { run } from './tools';

export const debFileName = (definition: PackageDefinition, version: VersionDefinition, arch: MachineArch): string =>
  `${definition.deb.package}_${debVersion(version)}_${debArch(definition, arch)}.deb`;

export const debArch = (definition: PackageDefinition, arch: MachineArch): string =>
  definition.architecture === 'native' ? arch.deb : 'all';

/** Every directory above the given files, which dpkg counts in Installed-Size. */
function directoriesOf(files: readonly StagedFile[]): number {
  const dirs = new Set<string>();
  for (const file of files) {
    const parts = file.path.split('/').slice(1, -1);
    parts.forEach((_part, index) => dirs.add(parts.slice(0, index + 1).join('/')));
  }
  return dirs.size;
}

/** Writes /usr/share/doc/<package>/changelog.Debian.gz; gzip without name or time, so it is reproducible. */
async function stageChangelog(
  root: string,
  definition: PackageDefinition,
  version: VersionDefinition,
): Promise<StagedFile> {
  const path = `/usr/share/doc/${definition.deb.package}/changelog.Debian.gz`;
  const bytes = gzipSync(Buffer.from(debChangelog(definition, version), 'utf8'), { level: 9 });
  await makeDirs(root, `/usr/share/doc/${definition.deb.package}`);
  await writeFile(join(root, path), bytes);
  await chmod(join(root, path), 0o644);
  return { path, mode: 0o644, size: bytes.length, md5: createHash('md5').update(bytes).digest('hex'), conffile: false };
}

async function writeMember(dir: string, name: string, text: string, mode: number): Promise<void> {
  await writeFile(join(dir, name), text, 'utf8');
  await chmod(join(dir, name), mode);
}

/** Builds one .deb into `targetDir` and returns its file name. */
export async function buildDeb(
  context: StageContext,
  definition: PackageDefinition,
  version: VersionDefinition,
  arch: MachineArch,
  targetDir: string,
  sourceDateEpoch: number,
): Promise<string> {
  const root = join(context.workDir, 'deb', `${definition.name}-${version.version}`);
  const payload = await stagePayload(context, definition, version, 'deb', root);
  const changelog = await stageChangelog(root, definition, version);
  const files = [...payload.files, changelog];

  const control = join(root, 'DEBIAN');
  await mkdir(control, { recursive: true });
  await chmod(control, 0o755);
  const size = installedSizeKiB(files, directoriesOf(files));
  await writeMember(control, 'control', debControl(definition, version, debArch(definition, arch), size), 0o644);
  await writeMember(control, 'md5sums', debMd5sums(files), 0o644);
  const conffiles = debConffiles(files);
  if (conffiles !== undefined) await writeMember(control, 'conffiles', conffiles, 0o644);

  const values = templateValues(definition, version);
  const scripts = scriptsFor(definition, version).deb;
  for (const name of ['preinst', 'postinst', 'prerm', 'postrm'] as const satisfies readonly DebScriptName[]) {
    const from = scripts[name];
    if (from === undefined) continue;
    const text = definitionFile(context.definitions, definition.name, from).toString('utf8');
    await writeMember(control, name, fillTemplate(text, values, `${definition.name}/${from}`), 0o755);
  }

  const fileName = debFileName(definition, version, arch);
  // --root-owner-group: files belong to root whoever builds; SOURCE_DATE_EPOCH clamps every mtime.
  await run('dpkg-deb', ['--root-owner-group', '-Zxz', '--build', root, join(targetDir, fileName)], {
    env: { SOURCE_DATE_EPOCH: String(sourceDateEpoch) },
  });
  return fileName;
}
