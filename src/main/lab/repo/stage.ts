import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, readdir, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FileEntry, PackageDefinition, VersionDefinition } from './definitions';
import type { LabDefinitions } from './load-definitions';
import { definitionFile } from './load-definitions';
import { fillTemplate, templateValues } from './template';
import { run } from './tools';

export type PackageFormat = 'deb' | 'rpm';

export interface StagedFile {
  /** Where the file is installed, e.g. /usr/bin/demo-http. */
  path: string;
  mode: number;
  size: number;
  md5: string;
  /** Files under /etc are the admin's: dpkg conffiles, rpm %config(noreplace). */
  conffile: boolean;
}

export interface StagedPayload {
  root: string;
  files: StagedFile[];
}

/** Shared by every stage of one build: compiled libraries are built once and used by both formats. */
export class StageContext {
  private readonly compiled = new Map<string, Promise<string>>();

  constructor(
    readonly definitions: LabDefinitions,
    readonly workDir: string,
    readonly sourceDateEpoch: number,
  ) {}

  /** Compiles a C shared library once per package version; later callers get the same file. */
  compile(
    definition: PackageDefinition,
    version: VersionDefinition,
    entry: FileEntry & { kind: 'c-shared-library' },
  ): Promise<string> {
    const key = `${definition.name}/${version.version}/${entry.from}`;
    let output = this.compiled.get(key);
    if (!output) {
      output = this.compileOnce(definition, version, entry);
      this.compiled.set(key, output);
    }
    return output;
  }

  private async compileOnce(
    definition: PackageDefinition,
    version: VersionDefinition,
    entry: FileEntry & { kind: 'c-shared-library' },
  ): Promise<string> {
    const dir = join(this.workDir, 'compile', definition.name, version.version);
    await mkdir(dir, { recursive: true });
    // The source is written from the bytes that were hashed, so the stamp describes what was built.
    const source = join(dir, entry.from.replaceAll('/', '_'));
    await writeFile(source, definitionFile(this.definitions, definition.name, entry.from));
    const output = join(dir, entry.soname);
    await run('gcc', [
      '-shared',
      '-fPIC',
      '-O2',
      '-g0',
      '-Wall',
      '-Werror',
      // Keeps the temp build path out of the binary, so two builds give the same bytes.
      `-ffile-prefix-map=${dir}=.`,
      `-Wl,-soname,${entry.soname}`,
      // One argument, not a shell string: gcc sees the quotes, making LAB_VERSION a C string.
      `-DLAB_VERSION="${version.version}"`,
      '-o',
      output,
      source,
    ]);
    return output;
  }
}

/** Writes `bytes` at `path` under `root` with exactly `mode`, whatever the umask. */
async function place(root: string, path: string, bytes: Buffer, mode: number): Promise<void> {
  const target = join(root, path);
  await makeDirs(root, dirname(path));
  await writeFile(target, bytes);
  await chmod(target, mode);
}

/** Creates each directory of `path` under `root` as 0755: package payloads must not inherit a 0700 umask. */
export async function makeDirs(root: string, path: string): Promise<void> {
  let current = root;
  for (const part of path.split('/').filter((segment) => segment !== '')) {
    current = join(current, part);
    await mkdir(current, { recursive: true });
    await chmod(current, 0o755);
  }
}

/**
 * Sets every time in the tree to SOURCE_DATE_EPOCH. rpmbuild copies the times into the header
 * as they are (its clamping did not apply here), so a rebuild would differ by the clock alone.
 */
async function pinTimes(root: string, epoch: number): Promise<void> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  await Promise.all(entries.map((entry) => utimes(join(entry.parentPath, entry.name), epoch, epoch)));
  await utimes(root, epoch, epoch);
}

async function fileBytes(
  context: StageContext,
  definition: PackageDefinition,
  version: VersionDefinition,
  entry: FileEntry,
): Promise<Buffer> {
  switch (entry.kind) {
    case 'copy':
      return definitionFile(context.definitions, definition.name, entry.from);
    case 'template': {
      const text = definitionFile(context.definitions, definition.name, entry.from).toString('utf8');
      const where = `${definition.name}/${entry.from} (${version.version})`;
      return Buffer.from(fillTemplate(text, templateValues(definition, version), where), 'utf8');
    }
    case 'c-shared-library':
      return readFile(await context.compile(definition, version, entry));
  }
}

/** Lays out the files of one package version for one format under `root`, as they will be installed. */
export async function stagePayload(
  context: StageContext,
  definition: PackageDefinition,
  version: VersionDefinition,
  format: PackageFormat,
  root: string,
): Promise<StagedPayload> {
  await mkdir(root, { recursive: true });
  await chmod(root, 0o755);
  const files: StagedFile[] = [];
  for (const entry of definition.files) {
    if (entry.only !== undefined && entry.only !== format) continue;
    const bytes = await fileBytes(context, definition, version, entry);
    const mode = Number.parseInt(entry.mode, 8);
    await place(root, entry.to, bytes, mode);
    files.push({
      path: entry.to,
      mode,
      size: bytes.length,
      md5: createHash('md5').update(bytes).digest('hex'),
      conffile: entry.to.startsWith('/etc/'),
    });
  }
  for (const dir of definition.dirs) await makeDirs(root, dir);
  await pinTimes(root, context.sourceDateEpoch);
  return { root, files };
}
