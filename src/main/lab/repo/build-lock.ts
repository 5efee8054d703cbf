import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { LabRepoError } from './tools';

/**
 * One build at a time per output folder: parallel test files may ask for the same repositories.
 * The lock is a directory (mkdir is atomic) holding the owner's pid; a lock whose owner has died
 * is taken over, so a killed build never blocks the next one.
 */

const POLL_MS = 100;
/** A lock without a pid this old was left by a build killed right after taking it. */
const ORPHAN_MS = 10_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function ownerPid(lockDir: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt(await readFile(join(lockDir, 'pid'), 'utf8'), 10);
    return Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function ageBase(lockDir: string): Promise<number> {
  try {
    return (await stat(lockDir)).mtimeMs;
  } catch {
    return Date.now();
  }
}

export async function withBuildLock<T>(outDir: string, timeoutMs: number, work: () => Promise<T>): Promise<T> {
  const lockDir = join(outDir, '.build-lock');
  const deadline = Date.now() + timeoutMs;
  await mkdir(outDir, { recursive: true });
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = await ownerPid(lockDir);
    // No pid yet usually means the owner is between mkdir and writeFile; only an old one is orphaned.
    const orphaned = pid === undefined && Date.now() - (await ageBase(lockDir)) > ORPHAN_MS;
    if (orphaned || (pid !== undefined && !alive(pid))) {
      await rm(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new LabRepoError('busy', `Another lab repository build in ${outDir} did not finish in time.`);
    }
    await delay(POLL_MS);
  }
  try {
    await writeFile(join(lockDir, 'pid'), String(process.pid), 'utf8');
    return await work();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}
