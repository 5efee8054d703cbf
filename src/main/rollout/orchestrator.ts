import type { Plan, PlanBatch } from '../../shared/domain/plan';
import { AppError } from '../../shared/result';
import {
  runPolicySchema,
  type PackageTarget,
  type RolloutEvent,
  type RolloutStatus,
  type RunPolicy,
} from '../domain/rollout/model';
import type { CallContext } from '../ports';
import type { HostRecord, RolloutRecord } from '../store/rollout-repo';
import { createDriverLeases, type DriverLeases } from './driver-lease';
import { invokeStep, type HostActions } from './host-actions';
import { batchStartAt } from '../domain/rollout/window-wait';
import { createJournal, ENGINE_ACTOR, type JournalDeps } from './journal';
import { reconcileRollout, type ReconcileReport } from './reconcile';
import { createRuntime, type Runtime } from './runtime';

export interface OrchestratorDeps extends JournalDeps {
  actions: HostActions;
  /**
   * Asked before a host starts: a reason not to start it now (taking it down would break a
   * service's availability budget, say, because another member failed), or null. The host is
   * then skipped with that reason and the rest of the plan goes on.
   */
  admit?: (rolloutId: number, host: string) => string | null;
  /** Which process drives which rollout; the data folder's own table unless a test gives one. */
  leases?: DriverLeases;
}

export interface StartInput {
  plan: Plan;
  policy: RunPolicy;
  /** The graph version the plan was made from, kept with the rollout. */
  graphVersion: number;
  /** The packages each host goes to, by host name. */
  work?: Readonly<Record<string, readonly PackageTarget[]>>;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Runs rollouts: the host and rollout machines decide, this engine acts through `HostActions`
 * and writes every step ahead to the journal. A batch's hosts run in parallel; a pause holds
 * them between steps; a cancel starts no new host and lets started hosts finish their run
 * (forward, or back when they fail), because stopping a host halfway would leave it drained or
 * half patched, and rolling back hosts that are passing would undo good work the ring approved.
 */
export function createOrchestrator(deps: OrchestratorDeps) {
  const { rollouts, actions } = deps;
  const journal = createJournal(deps);
  const leases = deps.leases ?? createDriverLeases({ db: deps.db, clock: deps.clock });
  const runtimes = new Map<number, Runtime>();
  // After stop() the store is closing: nothing more is written, and open step records are what
  // the next start-up reconciles, exactly as after a crash. A rollout whose lease another process
  // took over (this one stalled past the lease's TTL) is left to that process the same way.
  let stopped = false;
  const isStopped = (id: number): boolean => stopped || runtimes.get(id)?.fenced === true;
  /**
   * Before each write to a rollout's journal: still ours to write? The renewal is the fence: a
   * driver whose lease another process took over learns it here, before writing, and stops.
   */
  const mayWrite = (id: number): boolean => {
    if (isStopped(id)) return false;
    if (leases.renew(id)) return true;
    const runtime = runtimeOf(id);
    runtime.fenced = true;
    runtime.notify();
    return false;
  };

  const status = (id: number): RolloutStatus => {
    const now = rollouts.status(id);
    if (!now) throw new AppError('not_found', `No rollout ${String(id)}`);
    return now;
  };

  const runtimeOf = (id: number): Runtime => {
    let runtime = runtimes.get(id);
    if (!runtime) {
      runtime = createRuntime((self) => {
        if (isStopped(id) || !self.driver) return true;
        const now = status(id);
        return now === 'awaiting-approval' || (now === 'paused' && self.stepsRunning === 0);
      });
      runtimes.set(id, runtime);
    }
    return runtime;
  };

  const batchOf = (plan: Plan, host: HostRecord): PlanBatch => {
    const batch = plan.rings[host.cursor.ring]?.batches[host.cursor.batch];
    if (!batch) throw new AppError('internal', `${host.host} is in no batch of the plan`);
    return batch;
  };

  /** One host, step after step, until it ends; holds between steps while the rollout is paused. */
  async function runHost(id: number, name: string, batch: PlanBatch): Promise<void> {
    const runtime = runtimeOf(id);
    for (;;) {
      while (!isStopped(id) && status(id) === 'paused') await runtime.changed(leases.renewEveryMs);
      if (!mayWrite(id)) return;
      const record = rollouts.host(id, name);
      if (!record) return;
      const { run } = record;
      if (run.phase === 'pending' && status(id) !== 'running') return;
      if (run.phase !== 'pending' && run.phase !== 'active') return;
      if (run.phase === 'pending') {
        const refused = deps.admit?.(id, name) ?? null;
        if (refused !== null) {
          journal.skipHost(id, record, refused);
          return;
        }
      }
      const step = run.phase === 'active' ? run.step : 'precheck';
      const { stepId, attempt } = journal.beginStep(id, record, step);
      runtime.stepStarted();
      try {
        const outcome = await invokeStep(actions, step, {
          rolloutId: id,
          host: name,
          attempt,
          batch,
          work: record.work,
          preState: record.preState,
        });
        if (!mayWrite(id)) return;
        journal.finishStep(id, name, { stepId, step, attempt }, outcome);
      } finally {
        runtime.stepEnded();
      }
    }
  }

  async function runHosts(rollout: RolloutRecord, hosts: HostRecord[]): Promise<void> {
    const results = await Promise.allSettled(
      hosts.map((host) => runHost(rollout.id, host.host, batchOf(rollout.plan, host))),
    );
    for (const result of results) if (result.status === 'rejected') throw result.reason;
  }

  async function drive(id: number): Promise<void> {
    const runtime = runtimeOf(id);
    for (;;) {
      if (isStopped(id)) return;
      const rollout = journal.must(id);
      const { status: now, cursor } = rollout.state;
      if (now === 'paused' || now === 'awaiting-approval') {
        // Another process's command (the CLI's approve, say) reaches this one through the journal only.
        await runtime.changed(leases.renewEveryMs);
        continue;
      }
      if (now === 'running') {
        const batch = rollouts
          .hosts(id)
          .filter((h) => h.cursor.ring === cursor.ring && h.cursor.batch === cursor.batch);
        if (batch.every((host) => host.run.phase === 'pending')) {
          // Not before its maintenance window: wait (still answering pause and cancel), or pause
          // for the admin when no window will open.
          const planned = rollout.plan.rings[cursor.ring]?.batches[cursor.batch];
          const at = deps.clock().getTime();
          const when = planned ? batchStartAt(planned.window, at, rollout.policy) : { at };
          if ('never' in when) {
            if (!mayWrite(id)) return;
            journal.transition(
              id,
              { type: 'pause', reason: `The next batch cannot start: ${when.never}` },
              ENGINE_ACTOR,
            );
            continue;
          }
          if (when.at > at) {
            await runtime.changed(Math.min(when.at - at, leases.renewEveryMs));
            continue;
          }
          if (!mayWrite(id)) return;
          journal.batchStarted(
            id,
            cursor,
            batch.map((host) => host.host),
          );
        }
        await runHosts(
          rollout,
          batch.filter((host) => host.run.phase === 'pending' || host.run.phase === 'active'),
        );
        if (!mayWrite(id)) return;
        journal.batchDone(id, cursor);
        runtime.notify();
        continue;
      }
      // Halted, cancelled or done: nothing new starts; hosts already started finish their run.
      await runHosts(
        rollout,
        rollouts.hosts(id).filter((host) => host.run.phase === 'active'),
      );
      if (!mayWrite(id)) return;
      journal.finish(id);
      return;
    }
  }

  /**
   * Renews the rollout's lease every third of its TTL until the returned function is called; a
   * renewal that finds the lease taken over fences this process off the rollout.
   */
  function heartbeat(id: number): () => void {
    const timer = setInterval(() => {
      try {
        if (stopped || leases.renew(id)) return;
      } catch {
        // A timer has no caller to tell: the next renewal, or the next write's, finds out.
        return;
      }
      const runtime = runtimeOf(id);
      runtime.fenced = true;
      runtime.notify();
    }, leases.renewEveryMs);
    timer.unref();
    return () => {
      clearInterval(timer);
    };
  }

  /**
   * A command another process wrote while this one held the lease (and so left it to this one)
   * may have landed after this one's last look: the rollout then needs a driver it no longer
   * has. Taken over only when its status changed from what this process left.
   */
  function takeOverIfCommanded(id: number, leftAs: RolloutStatus): void {
    const now = rollouts.status(id);
    if (stopped || !now || now === leftAs || now === 'paused' || now === 'awaiting-approval' || now === 'done') return;
    void ensureDriver(id);
  }

  /**
   * Drives the rollout from this process unless another one does (it then sees the journal's
   * change at its next step, or within a renewal period while it waits). The lease is renewed
   * while driving; a renewal that finds it taken over fences this driver off.
   */
  function ensureDriver(id: number): Promise<void> {
    const runtime = runtimeOf(id);
    if (runtime.driver) return runtime.driver;
    if (leases.tryTake(id)) return Promise.resolve();
    runtime.fenced = false;
    const stopBeating = heartbeat(id);
    let leftAs: RolloutStatus | null = null;
    const driver = drive(id)
      .catch(async (error: unknown) => {
        // Not silently: steps left open are closed as the hosts show them, and the rollout is
        // paused with the error, for the admin to resume or roll back.
        if (!isStopped(id))
          await reconcileRollout(
            { rollouts, journal, actions },
            journal.must(id),
            `The engine stopped on an error (${message(error)}).`,
          ).catch(() => undefined); // the store itself failed: start-up reconciles what it left
        throw error;
      })
      .finally(() => {
        stopBeating();
        runtime.driver = null;
        // After stop() the store may be closed already; stop() released the lease itself.
        if (!stopped && !runtime.fenced) {
          leftAs = rollouts.status(id) ?? null;
          leases.release(id);
        }
        runtime.notify();
        if (leftAs) takeOverIfCommanded(id, leftAs);
      });
    // The caller may drop `done`; the rejection is then on record in the journal, not unhandled.
    driver.catch(() => undefined);
    runtime.driver = driver;
    return driver;
  }

  /**
   * An admin's command that sets the rollout going: applied, then whatever waits for it is woken
   * and the rollout driven if nothing drives it. Steps a stopped process left open must have been
   * reconciled first, or a new attempt would run beside a record that never closes.
   */
  const command = (id: number, event: RolloutEvent, ctx: CallContext, ring?: number) => {
    const drivenHere = runtimes.get(id)?.driver;
    if (!drivenHere && !leases.drivenElsewhere(id) && rollouts.openSteps(id).length > 0)
      throw new AppError('conflict', `Rollout ${String(id)} has steps a stopped run left open; reconcile it first`);
    journal.transition(id, event, ctx.actor, ring);
    runtimeOf(id).notify();
    return { rollout: journal.must(id), done: ensureDriver(id) };
  };

  return {
    start(input: StartInput, ctx: CallContext): { rolloutId: number; done: Promise<void> } {
      const policy = runPolicySchema.parse(input.policy);
      const names = input.plan.rings.flatMap((ring) => ring.batches.flatMap((batch) => batch.hosts));
      if (names.length === 0) throw new AppError('invalid_input', 'The plan has no hosts to patch');
      const twice = names.filter((name, at) => names.indexOf(name) !== at);
      if (twice.length > 0) throw new AppError('invalid_input', `The plan has ${twice.join(', ')} more than once`);
      // Checked and created under one write lock: another process cannot start one in between.
      const rolloutId = deps.db
        .transaction(() => {
          const busy = rollouts.unfinished()[0];
          if (busy)
            throw new AppError(
              'conflict',
              `Rollout ${String(busy.id)} is ${busy.state.status} and not finished; finish, cancel or roll it back first`,
            );
          const created = journal.create({ ...input, policy }, ctx.actor);
          // Leased in the same transaction: no other process's reconcile can take it in between.
          leases.tryTake(created);
          return created;
        })
        .immediate();
      return { rolloutId, done: ensureDriver(rolloutId) };
    },

    approve(id: number, ring: string, ctx: CallContext) {
      const index = journal.must(id).plan.rings.findIndex((r) => r.name === ring);
      if (index < 0) throw new AppError('not_found', `Rollout ${String(id)} has no ring ${ring}`);
      return command(id, { type: 'approve', ring: index }, ctx, index);
    },

    /** Hosts stop between steps; `settled` tells when they all have. */
    pause(id: number, ctx: CallContext, reason = `Paused by ${ctx.actor}`): RolloutRecord {
      journal.transition(id, { type: 'pause', reason }, ctx.actor);
      runtimeOf(id).notify();
      return journal.must(id);
    },

    resume(id: number, ctx: CallContext) {
      return command(id, { type: 'resume' }, ctx);
    },

    cancel(id: number, ctx: CallContext, reason = `Cancelled by ${ctx.actor}`) {
      return command(id, { type: 'cancel', reason }, ctx);
    },

    /** For a paused rollout (after a crash, typically): roll back every host in flight, start no more. */
    rollBack(id: number, ctx: CallContext, reason = `Rolled back by ${ctx.actor}`) {
      return command(id, { type: 'roll-back', reason }, ctx);
    },

    /**
     * At start-up, before anything else runs: every unfinished rollout no process drives here is
     * reconciled with what its hosts show, and paused for the admin when anything was in flight.
     */
    async reconcile(): Promise<ReconcileReport[]> {
      const reports: ReconcileReport[] = [];
      for (const rollout of rollouts.unfinished()) {
        // Driven here, or by another live process: its steps are open because they are running.
        if (runtimes.get(rollout.id)?.driver || leases.tryTake(rollout.id)) continue;
        // Probing hosts takes a while: the lease is kept alive meanwhile.
        const stopBeating = heartbeat(rollout.id);
        const report = await reconcileRollout({ rollouts, journal, actions }, rollout).finally(() => {
          stopBeating();
          if (!stopped && !runtimes.get(rollout.id)?.driver) leases.release(rollout.id);
        });
        reports.push(report);
        takeOverIfCommanded(rollout.id, report.status);
      }
      return reports;
    },

    /** Resolves when the rollout needs nothing but an admin: paused and held, awaiting approval, or over. */
    settled: (id: number): Promise<void> => runtimeOf(id).settled(),
    rollout: (id: number): RolloutRecord => journal.must(id),
    hosts: (id: number): HostRecord[] => rollouts.hosts(id),
    steps: (id: number, host?: string) => rollouts.steps(id, host),
    list: (limit: number): RolloutRecord[] => rollouts.list(limit),

    /** The app is closing: nothing more is written; what is in flight is reconciled at the next start. */
    stop(): void {
      if (stopped) return;
      stopped = true;
      for (const [id, runtime] of runtimes) {
        // A step still running keeps the lease until this process is gone (its pid frees it),
        // so that no other process reconciles the step while it runs.
        if (runtime.driver && !runtime.fenced && runtime.stepsRunning === 0) leases.release(id);
        runtime.notify();
      }
    },
  };
}

export type Orchestrator = ReturnType<typeof createOrchestrator>;
