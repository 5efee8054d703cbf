import type Database from 'better-sqlite3';
import type { Plan } from '../../shared/domain/plan';
import { AppError } from '../../shared/result';
import { nextHost } from '../domain/rollout/host-machine';
import type { InterruptedDecision } from '../domain/rollout/interrupted';
import type {
  Cursor,
  HostEvent,
  HostRun,
  HostStep,
  PackageTarget,
  PreState,
  RolloutEvent,
  RunPolicy,
} from '../domain/rollout/model';
import { outputDigest, outputExcerpt } from '../domain/rollout/output';
import { initialRollout, nextRollout, type RolloutTransition } from '../domain/rollout/rollout-machine';
import type { Clock, EventSink } from '../ports';
import type { AuditRecord, AuditRepo } from '../store/audit-repo';
import type { HostRecord, RolloutRecord, RolloutRepo, StepRecord } from '../store/rollout-repo';
import type { StepOutcome } from './host-actions';

export interface JournalDeps {
  db: Database.Database;
  rollouts: RolloutRepo;
  audit: AuditRepo;
  events: EventSink;
  clock: Clock;
}

/** Who the audit log names for what the orchestrator does by itself, step by step. */
export const ENGINE_ACTOR = 'rollout';

const ENDED_PHASES = new Set(['failed', 'rolled-back']);

/**
 * The rollout's writes. Each is one transaction that changes the journal and appends the audit
 * entry that says so: a crash keeps both or neither.
 */
export function createJournal({ db, rollouts, audit, events, clock }: JournalDeps) {
  const now = (): string => clock().toISOString();

  function write<T>(work: () => T, entry: (result: T) => AuditRecord): T {
    const { result, seq, action, where } = db.transaction(() => {
      const result = work();
      const appended = audit.append(entry(result));
      return { result, seq: appended.seq, action: appended.action, where: appended.target };
    })();
    events('audit.entry', { seq, action });
    const rolloutId = Number(/^rollout:(\d+)$/.exec(where)?.[1]);
    if (rolloutId > 0) events('rollout.change', { rolloutId, action });
    return result;
  }

  const must = (id: number): RolloutRecord => {
    const rollout = rollouts.rollout(id);
    if (!rollout) throw new AppError('not_found', `No rollout ${String(id)}`);
    return rollout;
  };

  const hostEvent = (id: number, record: HostRecord, event: HostEvent, at: string, pre?: PreState): HostRun => {
    const { run } = nextHost(record.host, record.run, event);
    rollouts.setHost(id, record.host, run, at, pre);
    return run;
  };

  /** The rollout's own transition, with what it means for its hosts and batches. */
  function applyRollout(rollout: RolloutRecord, event: RolloutEvent, at: string): RolloutTransition {
    const transition = nextRollout(rollout.plan, rollout.policy, rollout.state, event);
    rollouts.setState(rollout.id, transition.state, at);
    for (const action of transition.actions) {
      if (action.kind === 'skip-pending') {
        for (const host of rollouts.hosts(rollout.id))
          if (host.run.phase === 'pending') hostEvent(rollout.id, host, { type: 'skip', reason: action.reason }, at);
        rollouts.stopPendingBatches(rollout.id, at);
      }
      if (action.kind === 'abort-hosts')
        for (const host of rollouts.hosts(rollout.id))
          if (host.run.phase === 'active') hostEvent(rollout.id, host, { type: 'abort', reason: action.reason }, at);
    }
    return transition;
  }

  const target = (id: number): string => `rollout:${String(id)}`;

  return {
    now,
    must,

    create(
      input: {
        plan: Plan;
        policy: RunPolicy;
        graphVersion: number;
        work?: Readonly<Record<string, readonly PackageTarget[]>>;
      },
      actor: string,
    ): number {
      const at = now();
      const { state } = initialRollout(input.plan);
      return write(
        () => rollouts.create({ ...input, state, by: actor, at }),
        (id) => ({
          actor,
          action: 'rollout.start',
          target: target(id),
          hosts: input.plan.rings.flatMap((ring) => ring.batches.flatMap((batch) => batch.hosts)),
          details: { status: state.status, graphVersion: input.graphVersion, policy: input.policy },
        }),
      );
    },

    /** An admin's command or the engine's own event, refused by the machine when not allowed. */
    transition(id: number, event: RolloutEvent, actor: string, ringApproved?: number): RolloutTransition {
      const at = now();
      return write(
        () => {
          const transition = applyRollout(must(id), event, at);
          if (ringApproved !== undefined) rollouts.approveRing(id, ringApproved, actor, at);
          return transition;
        },
        ({ state }) => ({
          actor,
          action: `rollout.${event.type}`,
          target: target(id),
          details: { ...event, status: state.status, reason: state.reason, cursor: state.cursor },
        }),
      );
    },

    batchStarted(id: number, cursor: Cursor, hosts: string[]): void {
      write(
        () => {
          rollouts.setBatch(id, cursor, 'running', now());
        },
        () => ({
          actor: ENGINE_ACTOR,
          action: 'rollout.batch.start',
          target: target(id),
          hosts,
          details: { ...cursor },
        }),
      );
    },

    /** A batch whose hosts all ended: its failures count against the threshold. */
    batchDone(id: number, cursor: Cursor): RolloutTransition {
      const at = now();
      return write(
        () => {
          const hosts = rollouts
            .hosts(id)
            .filter((h) => h.cursor.ring === cursor.ring && h.cursor.batch === cursor.batch);
          const failures = hosts.filter((host) => ENDED_PHASES.has(host.run.phase)).length;
          rollouts.setBatch(id, cursor, 'finished', at, failures);
          return { ...applyRollout(must(id), { type: 'batch-done', failures }, at), failures };
        },
        ({ state, failures }) => ({
          actor: ENGINE_ACTOR,
          action: 'rollout.batch.done',
          target: target(id),
          details: { ...cursor, failures, status: state.status, reason: state.reason },
        }),
      );
    },

    /** A host the engine will not start, and why (a service it serves is down to its budget). */
    skipHost(id: number, record: HostRecord, reason: string): void {
      const at = now();
      write(
        () => hostEvent(id, record, { type: 'skip', reason }, at),
        () => ({
          actor: ENGINE_ACTOR,
          action: 'rollout.host.skip',
          target: target(id),
          hosts: [record.host],
          details: { reason },
        }),
      );
    },

    /** Written before the host is touched: a crash from here on leaves this record open. */
    beginStep(id: number, record: HostRecord, step: HostStep): { stepId: number; attempt: number } {
      const at = now();
      return write(
        () => {
          if (record.run.phase === 'pending') hostEvent(id, record, { type: 'start' }, at);
          return rollouts.beginStep(id, record.host, step, at);
        },
        ({ attempt }) => ({
          actor: ENGINE_ACTOR,
          action: 'rollout.step',
          target: target(id),
          hosts: [record.host],
          details: { step, attempt, state: 'started' },
        }),
      );
    },

    finishStep(
      id: number,
      host: string,
      started: { stepId: number; step: HostStep; attempt: number },
      outcome: StepOutcome<Partial<{ rebootRequired: boolean; preState: PreState; drained: boolean }>>,
    ): HostRun {
      const { stepId, step, attempt } = started;
      const at = now();
      const digest = outputDigest(outcome.output);
      const reason = outcome.kind === 'ok' ? null : outcome.reason;
      const event: HostEvent =
        outcome.kind === 'ok'
          ? {
              type: 'ok',
              step,
              reboot: outcome.rebootRequired ?? false,
              ...(outcome.drained === undefined ? {} : { drained: outcome.drained }),
            }
          : { type: outcome.kind, step, reason: outcome.reason };
      const pre = outcome.kind === 'ok' ? outcome.preState : undefined;
      return write(
        () => {
          const excerpt = outputExcerpt(outcome.output);
          rollouts.finishStep(stepId, { state: outcome.kind === 'ok' ? 'ok' : 'failed', reason, digest, excerpt }, at);
          const record = rollouts.host(id, host);
          if (!record) throw new AppError('not_found', `No host ${host} in rollout ${String(id)}`);
          return { run: hostEvent(id, record, event, at, pre), excerpt };
        },
        ({ run, excerpt }) => ({
          actor: ENGINE_ACTOR,
          action: 'rollout.step',
          target: target(id),
          hosts: [host],
          details: { step, attempt, state: outcome.kind, reason, host: run.phase, excerpt },
          outputDigest: digest,
        }),
      ).run;
    },

    /** Closes a step a previous process left open, as `decideInterrupted` found it. */
    closeInterrupted(id: number, record: HostRecord, open: StepRecord, decision: InterruptedDecision): void {
      const { step, attempt } = open;
      const at = now();
      write(
        () => {
          rollouts.finishStep(
            open.id,
            { state: decision.result, reason: decision.reason, digest: null, excerpt: null },
            at,
          );
          const run = decision.event ? hostEvent(id, record, decision.event, at) : record.run;
          if (run.phase === 'active') rollouts.setHost(id, record.host, { ...run, drained: decision.drained }, at);
        },
        () => ({
          actor: ENGINE_ACTOR,
          action: 'rollout.reconcile.step',
          target: target(id),
          hosts: [record.host],
          details: { step, attempt, state: decision.result, reason: decision.reason, drained: decision.drained },
        }),
      );
    },

    /** Marks the rollout finished: nothing is in flight and nothing more will start. */
    finish(id: number): void {
      const at = now();
      write(
        () => {
          const rollout = must(id);
          const { cursor, status } = rollout.state;
          const hosts = rollouts.hosts(id);
          const inBatch = hosts.filter((h) => h.cursor.ring === cursor.ring && h.cursor.batch === cursor.batch);
          // The batch it stopped in, when any of its hosts had started: its failures are on record.
          if (
            status !== 'done' &&
            inBatch.some((host) => host.run.phase !== 'pending' && host.run.phase !== 'skipped')
          ) {
            const failures = inBatch.filter((host) => ENDED_PHASES.has(host.run.phase)).length;
            rollouts.setBatch(id, cursor, 'finished', at, failures);
          }
          for (const host of hosts)
            if (host.run.phase === 'pending')
              hostEvent(id, host, { type: 'skip', reason: `The rollout is ${status}` }, at);
          rollouts.stopPendingBatches(id, at);
          rollouts.finish(id, at);
          return rollout.state;
        },
        (state) => ({
          actor: ENGINE_ACTOR,
          action: 'rollout.end',
          target: target(id),
          details: { status: state.status, reason: state.reason },
        }),
      );
    },
  };
}

export type Journal = ReturnType<typeof createJournal>;
