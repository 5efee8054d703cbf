import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Plan, PlanBatch } from '../../src/shared/domain/plan';
import type { Ring } from '../../src/shared/domain/host';
import type { RunPolicy } from '../../src/main/domain/rollout/model';
import { createDriverLeases, type DriverLeases } from '../../src/main/rollout/driver-lease';
import { createOrchestrator } from '../../src/main/rollout/orchestrator';
import type { HostActions } from '../../src/main/rollout/host-actions';
import { createAuditRepo } from '../../src/main/store/audit-repo';
import { openStore } from '../../src/main/store/database';
import { createRolloutRepo } from '../../src/main/store/rollout-repo';

/*
 * Shared by the rollout tests and the crash test's child process, so nothing here imports
 * vitest: the child runs under plain node.
 */

export const batch = (hosts: string[], canary = false): PlanBatch => ({
  hosts,
  services: ['web'],
  layer: 0,
  window: { start: '2026-11-26T22:00:00.000Z', end: '2026-11-26T22:30:00.000Z' },
  switchovers: [],
  canary,
});

export const ring = (name: Ring, batches: PlanBatch[], approval = false): Plan['rings'][number] => ({
  name,
  approval,
  approvedBy: null,
  batches,
});

export const plan = (...rings: Plan['rings']): Plan => ({ rings, unplaced: [], warnings: [] });

/** Two rings: a test host alone, then a canary and a batch of two, the second ring gated. */
export const TWO_RINGS: Plan = plan(
  ring('test', [batch(['t1'])]),
  ring('non-critical', [batch(['w1'], true), batch(['w2', 'w3'])], true),
);
export const TWO_RING_HOSTS = ['t1', 'w1', 'w2', 'w3'];

export const POLICY: RunPolicy = { failureThreshold: 0 };

/**
 * A real store in `dataDir` with the journal, audit log and an orchestrator over `actions`; with
 * `leases`, as another process would hold them (its own identity, clock or TTL).
 */
export function openRollouts(
  dataDir: string,
  actions: HostActions,
  admit?: (rolloutId: number, host: string) => string | null,
  leases?: (db: Database.Database) => DriverLeases,
) {
  const store = openStore({ dataDir });
  const clock = (): Date => new Date();
  const audit = createAuditRepo(store.db, clock);
  const rollouts = createRolloutRepo(store.db);
  const engine = createOrchestrator({
    db: store.db,
    rollouts,
    audit,
    events: () => undefined,
    clock,
    actions,
    ...(admit ? { admit } : {}),
    // Without its own leases, each opening is a process of its own, and an earlier one that
    // "crashed" (closed mid-step in this same process) counts as gone, as a killed process is.
    leases: leases
      ? leases(store.db)
      : createDriverLeases({
          db: store.db,
          clock,
          me: { owner: randomUUID(), pid: process.pid, machine: 'test' },
          alive: () => false,
        }),
  });
  return {
    store,
    audit,
    rollouts,
    engine,
    close(): void {
      engine.stop();
      store.close();
    },
  };
}

export type RolloutsUnderTest = ReturnType<typeof openRollouts>;

/**
 * The crash test's rollout: a test host, then a batch of two in parallel where w1's patch
 * breaks its service (verify fails, it rolls back) within a threshold of one, so the run passes
 * through every step of the forward and rollback paths.
 */
export const CRASH_PLAN: Plan = plan(ring('test', [batch(['t1'])]), ring('non-critical', [batch(['w1', 'w2'])]));
export const CRASH_HOSTS = ['t1', 'w1', 'w2'];
export const CRASH_BREAKS = { w1: { breaks: true } };
export const CRASH_POLICY: RunPolicy = { failureThreshold: 1 };
