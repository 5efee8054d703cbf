import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/result';
import type { Clock } from '../ports';
import { createRolloutDriverRepo, type DriverRecord } from '../store/rollout-driver-repo';

/** A lease not renewed for this long is abandoned (its holder renews it every third of it). */
export const LEASE_TTL_MS = 30_000;

/** This process, as a lease names it: the random part tells two runs apart that reuse a pid. */
export interface DriverIdentity {
  owner: string;
  pid: number;
  machine: string;
}

export const thisProcess = (): DriverIdentity => ({ owner: randomUUID(), pid: process.pid, machine: hostname() });

/** Whether a process of this machine is still running (a pid of another user's counts as running). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether a recorded lease still binds another process: not when it is ours, not when its
 * heartbeat is older than the TTL, and not when it names a process of this machine that is gone
 * (a driver killed a moment ago need not be waited out). Pure but for `alive`.
 */
export function heldByAnother(
  lease: DriverRecord | undefined,
  me: DriverIdentity,
  now: Date,
  alive: (pid: number) => boolean,
  ttlMs = LEASE_TTL_MS,
): boolean {
  if (!lease || lease.owner === me.owner) return false;
  if (now.getTime() - Date.parse(lease.heartbeatAt) > ttlMs) return false;
  return lease.machine !== me.machine || alive(lease.pid);
}

export interface DriverLeaseDeps {
  db: Database.Database;
  clock: Clock;
  me?: DriverIdentity;
  alive?: (pid: number) => boolean;
  ttlMs?: number;
}

/**
 * One driver per rollout across every process that opens the data folder. `take` checks and
 * writes in one IMMEDIATE transaction, so two processes cannot both win. The holder renews while
 * it drives; a renewal that finds the lease taken over tells the engine to stop writing.
 */
export function createDriverLeases(deps: DriverLeaseDeps) {
  const repo = createRolloutDriverRepo(deps.db);
  const me = deps.me ?? thisProcess();
  const alive = deps.alive ?? processAlive;
  const ttlMs = deps.ttlMs ?? LEASE_TTL_MS;
  const holderText = (lease: DriverRecord): string =>
    `process ${String(lease.pid)} on ${lease.machine} (last heard ${lease.heartbeatAt})`;

  const take = deps.db.transaction((rolloutId: number): DriverRecord | null => {
    const now = deps.clock();
    const lease = repo.get(rolloutId);
    if (lease && heldByAnother(lease, me, now, alive, ttlMs)) return lease;
    repo.put(rolloutId, { ...me, heartbeatAt: now.toISOString() });
    return null;
  });

  return {
    me,
    renewEveryMs: Math.max(1, Math.floor(ttlMs / 3)),
    /** Takes the lease, or names the live process that holds it (null when taken). */
    tryTake: (rolloutId: number): DriverRecord | null => take.immediate(rolloutId),
    /** Takes the lease, or refuses with who holds it. */
    take(rolloutId: number, doing: string): void {
      const holder = take.immediate(rolloutId);
      if (holder)
        throw new AppError(
          'conflict',
          `Rollout ${String(rolloutId)} is driven by ${holderText(holder)}; ${doing} there, or wait until it stops`,
        );
    },
    /**
     * False only when the lease is known to be another's. A database busy past its timeout (a
     * long feed import in another process) is no such news: this renewal is skipped.
     */
    renew(rolloutId: number): boolean {
      try {
        return repo.renew(rolloutId, me.owner, deps.clock().toISOString());
      } catch (error) {
        if ((error as { code?: unknown }).code === 'SQLITE_BUSY') return true;
        throw error;
      }
    },
    release(rolloutId: number): void {
      repo.release(rolloutId, me.owner);
    },
    /** The live process other than this one that drives the rollout, if any. */
    drivenElsewhere(rolloutId: number): DriverRecord | null {
      const lease = repo.get(rolloutId);
      return lease && heldByAnother(lease, me, deps.clock(), alive, ttlMs) ? lease : null;
    },
  };
}

export type DriverLeases = ReturnType<typeof createDriverLeases>;
