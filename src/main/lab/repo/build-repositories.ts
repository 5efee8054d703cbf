import { createHash } from 'node:crypto';
import { access, mkdir, mkdtemp, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { indexAptRepository } from './apt-repo';
import { advisoryEntries, labAdvisories, labPackages, labSystemPackages } from './assemble';
import type { RepoDirs } from './assemble';
import { buildDeb } from './build-deb';
import { withBuildLock } from './build-lock';
import { buildLabRpm, buildSystemRpm } from './build-rpm';
import type { LabDefinitions } from './load-definitions';
import { defaultDefinitionsDir, loadDefinitions } from './load-definitions';
import type { LabRepositories } from './manifest';
import { MANIFEST_FILE, labRepositoriesSchema } from './manifest';
import { indexRpmRepository } from './rpm-repo';
import { StageContext } from './stage';
import type { MachineArch } from './tools';
import { LabRepoError, machineArch, missingLabRepoTools } from './tools';
import { updateinfoXml } from './updateinfo';

export type { LabRepositories } from './manifest';

/** 2026-11-01T00:00:00Z: the build time and every file time in the lab packages, so builds repeat exactly. */
export const LAB_SOURCE_DATE_EPOCH = 1_793_491_200;

export interface BuildLabRepositoriesOptions {
  /** Where apt/, rpm/, rocky-base/ and lab-repositories.json go. Created if missing. */
  outDir: string;
  /**
   * Scratch space for staging trees and rpmbuild. When given, each build makes a new folder in it
   * and leaves it there to look into; by default a temp folder is used and removed.
   */
  workDir?: string;
  /** Default: resources/lab/packages of this checkout. */
  definitionsDir?: string;
  /** Default: LAB_SOURCE_DATE_EPOCH. */
  sourceDateEpoch?: number;
  /** Rebuild even when outDir holds a build of the same definitions. */
  force?: boolean;
}

const REPO_FOLDERS = { apt: 'apt', rpm: 'rpm', rockyBase: 'rocky-base' } as const;
const LOCK_TIMEOUT_MS = 5 * 60_000;
/** Built next to the final folders (same file system), so swapping them in is a rename. */
const STAGING = '.staging';

const repoDirs = (root: string): RepoDirs => ({
  apt: join(root, REPO_FOLDERS.apt),
  rpm: join(root, REPO_FOLDERS.rpm),
  rockyBase: join(root, REPO_FOLDERS.rockyBase),
});

/** The manifest of an earlier build in outDir, if it is of these definitions and its files are all there. */
async function currentBuild(outDir: string, hash: string): Promise<LabRepositories | undefined> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(join(outDir, MANIFEST_FILE), 'utf8'));
  } catch {
    return undefined;
  }
  const parsed = labRepositoriesSchema.safeParse(data);
  if (!parsed.success || parsed.data.definitionsHash !== hash || parsed.data.outDir !== outDir) return undefined;
  const manifest = parsed.data;
  const paths = [
    manifest.apt.packagesFile,
    manifest.apt.releaseFile,
    manifest.rpm.repomdFile,
    ...manifest.packages.flatMap((pkg) => pkg.versions.flatMap((version) => [version.deb.path, version.rpm.path])),
    ...manifest.rockyBase.packages.map((pkg) => pkg.path),
  ];
  try {
    await Promise.all(paths.map((path) => access(path)));
  } catch {
    return undefined;
  }
  return { ...manifest, reused: true };
}

/**
 * Runs jobs `limit` at a time. After a failure no new job starts, the running ones finish (so
 * nothing writes into folders being removed), and the first error is thrown.
 */
async function inPool<T>(limit: number, jobs: readonly (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < jobs.length && !failed; index = next++) {
      const job = jobs[index];
      if (!job) continue;
      try {
        results[index] = await job();
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const outcomes = await Promise.allSettled(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  const rejected = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (rejected) throw rejected.reason;
  return results;
}

/** Builds every package file into `staging`: debs into apt/, lab rpms into rpm/, system rpms into rocky-base/. */
async function buildPackages(
  definitions: LabDefinitions,
  arch: MachineArch,
  workDir: string,
  staging: RepoDirs,
  epoch: number,
): Promise<void> {
  const context = new StageContext(definitions, workDir, epoch);
  const jobs: (() => Promise<string>)[] = [];
  for (const definition of definitions.packages) {
    for (const version of definition.versions) {
      jobs.push(() => buildDeb(context, definition, version, arch, staging.apt, epoch));
      jobs.push(() => buildLabRpm(context, definition, version, arch, staging.rpm, epoch));
    }
  }
  for (const pkg of definitions.systemPackages) {
    jobs.push(() => buildSystemRpm(workDir, pkg, arch, staging.rockyBase, epoch));
  }
  // rpmbuild and dpkg-deb are mostly process start-up and I/O: a little more than one job per core pays.
  await inPool(Math.min(8, availableParallelism() + 1), jobs);
}

/** File times feed createrepo_c's metadata and HTTP Last-Modified: pin them like everything else. */
async function pinTimes(paths: readonly string[], epoch: number): Promise<void> {
  await Promise.all(paths.map((path) => utimes(path, epoch, epoch)));
}

async function sha256Of(paths: readonly { file: string; path: string }[]): Promise<Map<string, string>> {
  const entries = await Promise.all(
    paths.map(
      async ({ file, path }) =>
        [
          file,
          createHash('sha256')
            .update(await readFile(path))
            .digest('hex'),
        ] as const,
    ),
  );
  return new Map(entries);
}

async function build(
  outDir: string,
  definitions: LabDefinitions,
  arch: MachineArch,
  epoch: number,
  workDir: string,
): Promise<LabRepositories> {
  const stagingRoot = join(outDir, STAGING);
  await rm(stagingRoot, { recursive: true, force: true });
  const staging = repoDirs(stagingRoot);
  await Promise.all([staging.apt, staging.rpm, staging.rockyBase].map((dir) => mkdir(dir, { recursive: true })));

  await buildPackages(definitions, arch, workDir, staging, epoch);
  const packages = labPackages(definitions.packages, arch, staging);
  const systemPackages = labSystemPackages(definitions.systemPackages, arch, staging.rockyBase);
  const versions = packages.flatMap((pkg) => pkg.versions);
  await pinTimes(
    [...versions.flatMap((version) => [version.deb.path, version.rpm.path]), ...systemPackages.map((pkg) => pkg.path)],
    epoch,
  );

  await indexAptRepository(staging.apt, arch, epoch);
  const checksums = await sha256Of(versions.map((version) => version.rpm));
  const entries = advisoryEntries(definitions.packages, arch, (file) => checksums.get(file) ?? '');
  await indexRpmRepository(staging.rpm, updateinfoXml(entries), epoch);

  // Swap the finished folders in; the manifest goes last, so a build cut short never looks whole.
  const final = repoDirs(outDir);
  await rm(join(outDir, MANIFEST_FILE), { force: true });
  for (const key of Object.keys(REPO_FOLDERS) as (keyof RepoDirs)[]) {
    await rm(final[key], { recursive: true, force: true });
    await rename(staging[key], final[key]);
  }
  await rm(stagingRoot, { recursive: true, force: true });

  const manifest: LabRepositories = {
    outDir,
    definitionsHash: definitions.hash,
    sourceDateEpoch: epoch,
    reused: false,
    apt: { dir: final.apt, packagesFile: join(final.apt, 'Packages'), releaseFile: join(final.apt, 'Release') },
    rpm: {
      dir: final.rpm,
      repomdFile: join(final.rpm, 'repodata', 'repomd.xml'),
      updateinfoFile: join(final.rpm, 'updateinfo.xml'),
    },
    rockyBase: { dir: final.rockyBase, packages: labSystemPackages(definitions.systemPackages, arch, final.rockyBase) },
    packages: labPackages(definitions.packages, arch, final),
    advisories: labAdvisories(entries),
  };
  await writeFile(join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  return manifest;
}

/**
 * Builds the lab's site mirror into `outDir`: apt/ (every .deb, flat repository), rpm/ (every
 * .rpm, createrepo_c metadata and updateinfo.xml) and rocky-base/ (the empty system rpms for
 * Rocky-like hosts' rpmdb). Returns at once with the existing manifest when outDir already holds
 * a build of the same definitions.
 */
export async function buildLabRepositories(options: BuildLabRepositoriesOptions): Promise<LabRepositories> {
  const outDir = resolve(options.outDir);
  const arch = machineArch();
  const epoch = options.sourceDateEpoch ?? LAB_SOURCE_DATE_EPOCH;
  const definitionsDir = options.definitionsDir ?? defaultDefinitionsDir();
  const definitions = await loadDefinitions(definitionsDir, `${arch.deb} ${arch.rpm} ${String(epoch)}`);

  return withBuildLock(outDir, LOCK_TIMEOUT_MS, async () => {
    if (options.force !== true) {
      const current = await currentBuild(outDir, definitions.hash);
      if (current) return current;
    }
    const missing = missingLabRepoTools();
    if (missing.length > 0) {
      throw new LabRepoError('tool_missing', `The lab repository build needs: ${missing.join(', ')}.`);
    }
    // A fresh folder even inside a given workDir: that one may hold anything, so it is never wiped.
    const parent = options.workDir !== undefined ? resolve(options.workDir) : tmpdir();
    await mkdir(parent, { recursive: true });
    const workDir = await mkdtemp(join(parent, 'patchwise-lab-repo-'));
    try {
      return await build(outDir, definitions, arch, epoch, workDir);
    } finally {
      if (options.workDir === undefined) await rm(workDir, { recursive: true, force: true });
      await rm(join(outDir, STAGING), { recursive: true, force: true });
    }
  });
}
