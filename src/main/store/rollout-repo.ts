import type Database from 'better-sqlite3';
import { planSchema, type Plan } from '../../shared/domain/plan';
import { AppError } from '../../shared/result';
import {
  hostWorkSchema,
  preStateSchema,
  runPolicySchema,
  type Cursor,
  type HostPath,
  type HostPhase,
  type HostRun,
  type HostStep,
  type PackageTarget,
  type PreState,
  type Resumable,
  type RolloutState,
  type RolloutStatus,
  type RunPolicy,
} from '../domain/rollout/model';
import type { HostRecord, RolloutRecord, StepRecord } from '../domain/rollout/records';

export type { HostRecord, RolloutRecord, StepRecord, StepState } from '../domain/rollout/records';

export type BatchState = 'pending' | 'running' | 'finished' | 'stopped';

interface RolloutRow {
  id: number;
  plan: string;
  policy: string;
  graph_version: number;
  status: RolloutStatus;
  reason: string | null;
  resume_to: Resumable | null;
  resume_reason: string | null;
  ring_index: number;
  batch_index: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

interface HostRow {
  host: string;
  ring_index: number;
  batch_index: number;
  phase: HostPhase;
  step: HostStep | null;
  path: HostPath | null;
  drained: number;
  reason: string | null;
  pre_state: string | null;
  work: string;
  updated_at: string;
}

const toRollout = (row: RolloutRow): RolloutRecord => ({
  id: row.id,
  plan: planSchema.parse(JSON.parse(row.plan)),
  policy: runPolicySchema.parse(JSON.parse(row.policy)),
  graphVersion: row.graph_version,
  state: {
    status: row.status,
    cursor: { ring: row.ring_index, batch: row.batch_index },
    resumeTo: row.resume_to ? { status: row.resume_to, reason: row.resume_reason } : null,
    reason: row.reason,
  },
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  finishedAt: row.finished_at,
});

function toRun(row: HostRow): HostRun {
  const reason = row.reason ?? '';
  switch (row.phase) {
    case 'pending':
    case 'done':
      return { phase: row.phase };
    case 'active':
      // The table's CHECK keeps step and path set on every active row.
      return {
        phase: 'active',
        step: row.step ?? 'precheck',
        path: row.path ?? 'forward',
        drained: row.drained === 1,
        reason: row.reason,
      };
    case 'failed':
      return { phase: 'failed', reason, drained: row.drained === 1 };
    case 'rolled-back':
    case 'skipped':
      return { phase: row.phase, reason };
  }
}

const toHost = (row: HostRow): HostRecord => ({
  host: row.host,
  cursor: { ring: row.ring_index, batch: row.batch_index },
  run: toRun(row),
  preState: row.pre_state ? preStateSchema.parse(JSON.parse(row.pre_state)) : null,
  work: hostWorkSchema.parse(JSON.parse(row.work)),
  updatedAt: row.updated_at,
});

const STEP_COLUMNS = `id, host, step, attempt, state, reason, output_digest AS outputDigest,
  output_excerpt AS outputExcerpt, started_at AS startedAt, finished_at AS finishedAt`;

const runColumns = (run: HostRun) => ({
  phase: run.phase,
  step: run.phase === 'active' ? run.step : null,
  path: run.phase === 'active' ? run.path : null,
  drained: (run.phase === 'active' || run.phase === 'failed') && run.drained ? 1 : 0,
  reason: 'reason' in run ? run.reason : null,
});

/**
 * The rollout journal's queries. None opens a transaction: the orchestrator's journal groups
 * each state change with its audit entry in one.
 */
export function createRolloutRepo(db: Database.Database) {
  const rolloutById = db.prepare<[number], RolloutRow>('SELECT * FROM rollout WHERE id = ?');
  const statusById = db.prepare<[number], RolloutStatus>('SELECT status FROM rollout WHERE id = ?').pluck();
  const hostsOf = db.prepare<[number], HostRow>(
    'SELECT * FROM rollout_host WHERE rollout_id = ? ORDER BY ring_index, batch_index, host',
  );
  const hostByName = db.prepare<[number, string], HostRow>(
    'SELECT * FROM rollout_host WHERE rollout_id = ? AND host = ?',
  );
  const updateHost = db.prepare(
    `UPDATE rollout_host SET phase = @phase, step = @step, path = @path, drained = @drained, reason = @reason,
       pre_state = COALESCE(@preState, pre_state), updated_at = @at WHERE rollout_id = @id AND host = @host`,
  );
  const nextAttempt = db
    .prepare<[number, string, string], number>(
      'SELECT COALESCE(MAX(attempt), 0) + 1 FROM rollout_step WHERE rollout_id = ? AND host = ? AND step = ?',
    )
    .pluck();
  const insertStep = db.prepare(
    `INSERT INTO rollout_step (rollout_id, host, step, attempt, state, started_at)
     VALUES (?, ?, ?, ?, 'started', ?)`,
  );
  const closeStep = db.prepare(
    `UPDATE rollout_step SET state = @state, reason = @reason, output_digest = @digest, output_excerpt = @excerpt,
       finished_at = @at WHERE id = @id AND state = 'started'`,
  );

  return {
    create(input: {
      plan: Plan;
      policy: RunPolicy;
      graphVersion: number;
      /** Per host; hosts left out get nothing to install (their run still drains, checks and undrains). */
      work?: Readonly<Record<string, readonly PackageTarget[]>>;
      state: RolloutState;
      by: string;
      at: string;
    }): number {
      const { plan, state, at } = input;
      const id = Number(
        db
          .prepare(
            `INSERT INTO rollout (plan, policy, graph_version, status, reason, ring_index, batch_index,
               created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            JSON.stringify(plan),
            JSON.stringify(input.policy),
            input.graphVersion,
            state.status,
            state.reason,
            state.cursor.ring,
            state.cursor.batch,
            input.by,
            at,
            at,
          ).lastInsertRowid,
      );
      const ring = db.prepare('INSERT INTO rollout_ring (rollout_id, ring_index, name, approval) VALUES (?, ?, ?, ?)');
      const batch = db.prepare(
        "INSERT INTO rollout_batch (rollout_id, ring_index, batch_index, canary, state) VALUES (?, ?, ?, ?, 'pending')",
      );
      const host = db.prepare(
        `INSERT INTO rollout_host (rollout_id, host, ring_index, batch_index, phase, drained, work, updated_at)
         VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)`,
      );
      plan.rings.forEach((r, ri) => {
        ring.run(id, ri, r.name, r.approval ? 1 : 0);
        r.batches.forEach((b, bi) => {
          batch.run(id, ri, bi, b.canary ? 1 : 0);
          for (const name of b.hosts) host.run(id, name, ri, bi, JSON.stringify(input.work?.[name] ?? []), at);
        });
      });
      return id;
    },
    rollout(id: number): RolloutRecord | undefined {
      const row = rolloutById.get(id);
      return row ? toRollout(row) : undefined;
    },
    /** The status alone, without reading the plan: the engine asks between every two steps. */
    status(id: number): RolloutStatus | undefined {
      return statusById.get(id);
    },
    list(limit: number): RolloutRecord[] {
      return db
        .prepare<[number], RolloutRow>('SELECT * FROM rollout ORDER BY id DESC LIMIT ?')
        .all(limit)
        .map(toRollout);
    },
    /** Rollouts a process may still have work in: not finished, whatever their status. */
    unfinished(): RolloutRecord[] {
      return db
        .prepare<[], RolloutRow>('SELECT * FROM rollout WHERE finished_at IS NULL ORDER BY id')
        .all()
        .map(toRollout);
    },
    setState(id: number, state: RolloutState, at: string): void {
      db.prepare(
        `UPDATE rollout SET status = @status, reason = @reason, resume_to = @resumeTo, resume_reason = @resumeReason,
           ring_index = @ring, batch_index = @batch, updated_at = @at WHERE id = @id`,
      ).run({
        id,
        at,
        status: state.status,
        reason: state.reason,
        resumeTo: state.resumeTo?.status ?? null,
        resumeReason: state.resumeTo?.reason ?? null,
        ring: state.cursor.ring,
        batch: state.cursor.batch,
      });
    },
    finish(id: number, at: string): void {
      db.prepare('UPDATE rollout SET finished_at = ?, updated_at = ? WHERE id = ? AND finished_at IS NULL').run(
        at,
        at,
        id,
      );
    },
    /** The rings of a rollout an admin approved, by index. */
    approvedRings(id: number): number[] {
      return db
        .prepare<[number], number>(
          'SELECT ring_index FROM rollout_ring WHERE rollout_id = ? AND approved_at IS NOT NULL ORDER BY ring_index',
        )
        .pluck()
        .all(id);
    },
    approveRing(id: number, ring: number, by: string, at: string): void {
      db.prepare(
        'UPDATE rollout_ring SET approved_by = ?, approved_at = ? WHERE rollout_id = ? AND ring_index = ?',
      ).run(by, at, id, ring);
    },
    setBatch(id: number, cursor: Cursor, state: BatchState, at: string, failures?: number): void {
      db.prepare(
        `UPDATE rollout_batch SET state = @state, failures = COALESCE(@failures, failures),
           started_at = CASE WHEN @state = 'running' THEN COALESCE(started_at, @at) ELSE started_at END,
           finished_at = CASE WHEN @state IN ('finished', 'stopped') THEN @at ELSE NULL END
         WHERE rollout_id = @id AND ring_index = @ring AND batch_index = @batch`,
      ).run({ id, state, at, failures: failures ?? null, ring: cursor.ring, batch: cursor.batch });
    },
    /** Batches not run when the rollout ended. */
    stopPendingBatches(id: number, at: string): void {
      db.prepare(
        "UPDATE rollout_batch SET state = 'stopped', finished_at = ? WHERE rollout_id = ? AND state = 'pending'",
      ).run(at, id);
    },
    hosts(id: number): HostRecord[] {
      return hostsOf.all(id).map(toHost);
    },
    host(id: number, name: string): HostRecord | undefined {
      const row = hostByName.get(id, name);
      return row ? toHost(row) : undefined;
    },
    setHost(id: number, host: string, run: HostRun, at: string, preState?: PreState): void {
      updateHost.run({ id, host, at, ...runColumns(run), preState: preState ? JSON.stringify(preState) : null });
    },
    /** Writes a step as started, the next attempt of it for this host; returns the record's id and attempt. */
    beginStep(id: number, host: string, step: HostStep, at: string): { stepId: number; attempt: number } {
      const attempt = nextAttempt.get(id, host, step) ?? 1;
      return { stepId: Number(insertStep.run(id, host, step, attempt, at).lastInsertRowid), attempt };
    },
    finishStep(
      stepId: number,
      result: { state: 'ok' | 'failed'; reason: string | null; digest: string | null; excerpt: string | null },
      at: string,
    ): void {
      const changed = closeStep.run({
        id: stepId,
        at,
        state: result.state,
        reason: result.reason,
        digest: result.digest,
        excerpt: result.excerpt,
      }).changes;
      // A record is closed once: a second close would rewrite history.
      if (changed !== 1) throw new AppError('internal', `Step record ${String(stepId)} is not open`);
    },
    /** Every step record of the rollout, or of one host in it, oldest first. */
    steps(id: number, host?: string): StepRecord[] {
      return db

        .prepare<[{ id: number; host: string | null }], StepRecord>(
          `SELECT ${STEP_COLUMNS} FROM rollout_step WHERE rollout_id = @id AND host = COALESCE(@host, host) ORDER BY id`,
        )
        .all({ id, host: host ?? null });
    },
    openSteps(id: number): StepRecord[] {
      return db
        .prepare<[number], StepRecord>(
          `SELECT ${STEP_COLUMNS} FROM rollout_step WHERE rollout_id = ? AND state = 'started' ORDER BY id`,
        )
        .all(id);
    },
  };
}

export type RolloutRepo = ReturnType<typeof createRolloutRepo>;
