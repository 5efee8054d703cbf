import type { PlanBatch } from '../../shared/domain/plan';
import type { HostStep, PackageTarget, PreState, ProbeFinding } from '../domain/rollout/model';

/** What a step is run for: the host, where it is in the rollout, and the pre-state once recorded. */
export interface StepContext {
  rolloutId: number;
  host: string;
  /** 1 the first time; more when the step runs again after an interruption. */
  attempt: number;
  /** The plan's batch: its services (whose drain settings apply) and switchovers. */
  batch: PlanBatch;
  /** The packages to bring this host to. */
  work: readonly PackageTarget[];
  /** What `record` kept; null before it ran. */
  preState: PreState | null;
}

/**
 * How a step ended. `output` is everything the host said (commands and their output): the
 * journal keeps its digest and an excerpt. `unreachable` is for a host that stopped answering
 * (it ends the host's run: nothing more can be done to it); `failed` for one that answered no.
 */
export type StepOutcome<Ok extends object = object> =
  | ({ kind: 'ok'; output: string } & Ok)
  | { kind: 'failed'; output: string; reason: string }
  | { kind: 'unreachable'; output: string; reason: string };

/**
 * What the orchestrator asks of a host. The SSH executors implement it; tests use a fake.
 *
 * Every step must be idempotent: running it again after it already took effect is harmless
 * (drain a drained host, install versions already installed, downgrade to versions already in
 * place). The app may be killed between a step taking effect and the journal hearing of it,
 * and then the step runs again on resume.
 */
export interface HostActions {
  /** Disk space, the mirror reachable, the dry run still valid. Changes nothing. */
  precheck(ctx: StepContext): Promise<StepOutcome>;
  /**
   * Takes the host out of traffic for the batch's services (their `drain` settings); says
   * `drained: false` when none of them has a drain configured (left out, it counts as drained).
   */
  drain(ctx: StepContext): Promise<StepOutcome<{ drained?: boolean }>>;
  /** The versions of the packages the patch will change (no snapshot hook exists yet: `snapshot` stays null). */
  record(ctx: StepContext): Promise<StepOutcome<{ preState: PreState }>>;
  /** Installs the updates; says whether a reboot is needed to finish. */
  patch(ctx: StepContext): Promise<StepOutcome<{ rebootRequired: boolean }>>;
  /** Restarts the affected services, or reboots and waits for the host to come back. */
  restart(ctx: StepContext, mode: 'services' | 'reboot'): Promise<StepOutcome>;
  /** The health checks: HTTP, service state, custom commands. */
  verify(ctx: StepContext): Promise<StepOutcome>;
  /**
   * Back to the pre-state: every recorded package downgraded to its recorded version, then the
   * services still running replaced code restarted. Packages the patch newly pulled in are not
   * removed, and no snapshot hook or `dnf history undo` exists yet.
   */
  rollback(ctx: StepContext): Promise<StepOutcome>;
  /** Puts the host back into traffic. */
  undrain(ctx: StepContext): Promise<StepOutcome>;
  /** What the host is like now; asks about the packages of `preState` when given. Never throws. */
  probe(rolloutId: number, host: string, batch: PlanBatch, preState: PreState | null): Promise<ProbeFinding>;
}

/** Any step's outcome, with what the steps that carry data may carry. */
export type AnyOutcome = StepOutcome<Partial<{ rebootRequired: boolean; preState: PreState; drained: boolean }>>;

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Runs one step of the host machine through the executors; a throw comes back as a failure. */
export async function invokeStep(actions: HostActions, step: HostStep, ctx: StepContext): Promise<AnyOutcome> {
  try {
    switch (step) {
      case 'precheck':
        return await actions.precheck(ctx);
      case 'drain':
        return await actions.drain(ctx);
      case 'record':
        return await actions.record(ctx);
      case 'patch':
        return await actions.patch(ctx);
      case 'restart':
        return await actions.restart(ctx, 'services');
      case 'reboot':
        return await actions.restart(ctx, 'reboot');
      case 'verify':
      case 'reverify':
        return await actions.verify(ctx);
      case 'rollback':
        return await actions.rollback(ctx);
      case 'undrain':
        return await actions.undrain(ctx);
    }
  } catch (error) {
    // Executors answer with an outcome; a throw is a bug there, and fails the step like any other.
    return { kind: 'failed', output: message(error), reason: `the ${step} step threw: ${message(error)}` };
  }
}
