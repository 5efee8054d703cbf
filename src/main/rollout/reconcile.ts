import type { PlanBatch } from '../../shared/domain/plan';
import { decideInterrupted, interruptionReason } from '../domain/rollout/interrupted';
import { ENDED, type HostStep, type ProbeFinding, type RolloutStatus } from '../domain/rollout/model';
import type { HostRecord, RolloutRecord, RolloutRepo } from '../store/rollout-repo';
import type { HostActions } from './host-actions';
import { ENGINE_ACTOR, type Journal } from './journal';

export interface ReconciledStep {
  host: string;
  step: HostStep;
  result: 'ok' | 'failed';
  reason: string;
  drained: boolean;
}

export interface ReconcileReport {
  rolloutId: number;
  status: RolloutStatus;
  reason: string | null;
  steps: ReconciledStep[];
}

interface Deps {
  rollouts: RolloutRepo;
  journal: Journal;
  actions: HostActions;
}

const batchOf = (rollout: RolloutRecord, host: HostRecord): PlanBatch | undefined =>
  rollout.plan.rings[host.cursor.ring]?.batches[host.cursor.batch];

async function probe(actions: HostActions, rollout: RolloutRecord, host: HostRecord): Promise<ProbeFinding> {
  const batch = batchOf(rollout, host);
  if (!batch) return { reachable: false, detail: 'the host is not in the plan' };
  try {
    return await actions.probe(rollout.id, host.host, batch, host.preState);
  } catch (error) {
    return { reachable: false, detail: `the probe failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * One unfinished rollout that nothing drives any more (found at start-up, or its engine failed,
 * saying why in `cause`): close each step
 * left open as a probe of its host shows it, then pause the rollout with a reason that names the
 * hosts in flight and every host still drained. Nothing resumes by itself: the admin resumes or
 * rolls back.
 */
export async function reconcileRollout(
  { rollouts, journal, actions }: Deps,
  rollout: RolloutRecord,
  cause?: string,
): Promise<ReconcileReport> {
  const id = rollout.id;
  const { status } = rollout.state;
  const open = rollouts.openSteps(id);
  // Paused already, with every step closed: an earlier start reconciled it, and it waits for the admin.
  if (status === 'paused' && open.length === 0)
    return { rolloutId: id, status, reason: rollout.state.reason, steps: [] };
  const active = rollouts.hosts(id).filter((host) => host.run.phase === 'active');
  const steps: ReconciledStep[] = [];

  const findings = new Map(
    await Promise.all(active.map(async (host) => [host.host, await probe(actions, rollout, host)] as const)),
  );
  for (const step of open) {
    const host = rollouts.host(id, step.host);
    if (!host) continue;
    const finding = findings.get(step.host) ?? { reachable: false, detail: 'the host was not in flight' };
    const decision = decideInterrupted(host.run, step.step, finding, host.preState);
    journal.closeInterrupted(id, host, step, decision);
    steps.push({
      host: step.host,
      step: step.step,
      result: decision.result,
      reason: decision.reason,
      drained: decision.drained,
    });
  }

  const hosts = rollouts.hosts(id);
  const inFlight = hosts.some((host) => host.run.phase === 'active');
  if (!inFlight && ENDED.includes(status)) {
    journal.finish(id);
  } else if (inFlight || status === 'running') {
    journal.transition(id, { type: 'interrupted', reason: interruptionReason(hosts, cause) }, ENGINE_ACTOR);
  }
  const after = journal.must(id).state;
  return { rolloutId: id, status: after.status, reason: after.reason, steps };
}
