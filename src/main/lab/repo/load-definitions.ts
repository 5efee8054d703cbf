import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { resourcesDir } from '../../platform/resources';
import type { z } from 'zod';
import type { PackageDefinition, SystemPackage } from './definitions';
import { packageDefinitionSchema, scriptsFor, systemPackagesSchema } from './definitions';
import { LabRepoError } from './tools';

/** Bump when the builders change what they produce, so existing builds stop counting as current. */
export const LAB_BUILD_FORMAT = 1;

export interface LabDefinitions {
  dir: string;
  packages: PackageDefinition[];
  systemPackages: SystemPackage[];
  /** Every file under `dir` by its `/`-separated relative path: what is hashed is what is built. */
  files: ReadonlyMap<string, Buffer>;
  hash: string;
}

/** resources/lab/packages of this checkout (resourcesDir finds it from src/ and from out/). */
export function defaultDefinitionsDir(): string {
  return join(resourcesDir(), 'lab', 'packages');
}

async function readTree(root: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(root, path).split(sep).join('/'), await readFile(path));
  }
  return files;
}

function parseJson<S extends z.ZodType>(schema: S, files: ReadonlyMap<string, Buffer>, path: string): z.output<S> {
  const bytes = files.get(path);
  if (!bytes) throw new LabRepoError('invalid_definition', `${path} is missing.`);
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new LabRepoError('invalid_definition', `${path} is not JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new LabRepoError('invalid_definition', `${path} is not a valid definition: ${issues}`);
  }
  return parsed.data;
}

/** Cross-file rules a schema cannot state: referenced files exist, names and versions are unique. */
function checkPackage(definition: PackageDefinition, folder: string, files: ReadonlyMap<string, Buffer>): void {
  const fail = (message: string): never => {
    throw new LabRepoError('invalid_definition', `${folder}/manifest.json: ${message}`);
  };
  const need = (path: string): void => {
    if (!files.has(`${folder}/${path}`)) fail(`${path} does not exist in ${folder}/.`);
  };
  if (definition.name !== folder) fail(`name ${definition.name} differs from its folder ${folder}.`);
  for (const file of definition.files) need(file.from);
  const seen = new Set<string>();
  for (const version of definition.versions) {
    if (seen.has(version.version)) fail(`version ${version.version} appears twice.`);
    seen.add(version.version);
    const scripts = scriptsFor(definition, version);
    for (const path of [...Object.values(scripts.deb), ...Object.values(scripts.rpm)]) need(path);
    if (version.advisory?.type === 'security' && version.fixes.length === 0) {
      fail(`${version.version}: a security advisory needs the CVEs it fixes in "fixes".`);
    }
  }
}

function hashDefinitions(files: ReadonlyMap<string, Buffer>, extra: string): string {
  const hash = createHash('sha256').update(`lab-build-format ${String(LAB_BUILD_FORMAT)}\n${extra}\n`);
  for (const path of [...files.keys()].sort()) {
    const bytes = files.get(path);
    if (!bytes) continue;
    // Length-prefixed, so moving bytes between a name and a body changes the hash.
    hash.update(`${path}\n${String(bytes.length)}\n`).update(bytes);
  }
  return hash.digest('hex');
}

/** Reads and validates every definition; `extra` (arch, epoch) goes into the hash too. */
export async function loadDefinitions(dir: string, extra: string): Promise<LabDefinitions> {
  const files = await readTree(dir);
  const folders = [...new Set([...files.keys()].filter((path) => path.endsWith('/manifest.json')))]
    .map((path) => path.slice(0, -'/manifest.json'.length))
    .sort();
  const packages = folders.map((folder) => {
    const definition = parseJson(packageDefinitionSchema, files, `${folder}/manifest.json`);
    checkPackage(definition, folder, files);
    return definition;
  });
  const systemPackages = parseJson(systemPackagesSchema, files, 'rocky-base.json').packages;
  const names = [...packages.map((definition) => definition.rpm.name), ...systemPackages.map((pkg) => pkg.name)];
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) throw new LabRepoError('invalid_definition', `Package ${duplicate} is defined twice.`);
  return { dir, packages, systemPackages, files, hash: hashDefinitions(files, extra) };
}

/** The bytes of a file of one package's folder (already read and hashed). */
export function definitionFile(definitions: LabDefinitions, folder: string, path: string): Buffer {
  const bytes = definitions.files.get(`${folder}/${path}`);
  if (!bytes) throw new LabRepoError('invalid_definition', `${folder}/${path} is missing.`);
  return bytes;
}
