import { drainedIfInterrupted } from './host-machine';
import type { HostEvent, HostRun, HostStep, PreState, ProbeFinding } from './model';

/**
 * What to write for a step the app started and never finished (it stopped: killed, crashed,
 * power cut), from what a probe of the host finds now.
 *
 * The step record is always closed: `ok` when the probe shows the step took effect, `failed`
 * (interrupted) otherwise. Only an `ok` moves the host on (`event`); otherwise the host stays at
 * that step, and resuming runs it again as the next attempt. That is safe because every host
 * action is idempotent by contract (see main/rollout/host-actions.ts): a crash between the action
 * and its journal entry cannot be told apart from one before it.
 */
export interface InterruptedDecision {
  result: 'ok' | 'failed';
  reason: string;
  event: HostEvent | null;
  /** Whether the host is drained now, as far as can be told; when unsure, it is. */
  drained: boolean;
}

/** The pre-state's packages all at their recorded versions. */
function atPreState(packages: Record<string, string> | null, pre: PreState | null): boolean | null {
  if (!packages || !pre) return null;
  return Object.entries(pre.packages).every(([name, version]) => packages[name] === version);
}

export function decideInterrupted(
  run: HostRun,
  step: HostStep,
  finding: ProbeFinding,
  pre: PreState | null,
): InterruptedDecision {
  const conservative = drainedIfInterrupted(run) || step === 'undrain';
  const retry = (why: string, drained = conservative): InterruptedDecision => ({
    result: 'failed',
    reason: `interrupted: ${why}; it runs again on resume`,
    event: null,
    drained,
  });
  const done = (why: string, drained: boolean): InterruptedDecision => ({
    result: 'ok',
    reason: `interrupted, but ${why}`,
    event: { type: 'ok', step },
    drained,
  });

  if (!finding.reachable) return retry(`the host does not answer (${finding.detail})`);
  const drainedNow = finding.drained ?? conservative;
  switch (step) {
    case 'drain':
      if (finding.drained === true) return done('the probe shows the host drained', true);
      return retry(
        finding.drained === false ? 'the host is not drained' : 'whether the host is drained is unknown',
        drainedNow,
      );
    case 'undrain':
      if (finding.drained === false) return done('the probe shows the host taking traffic again', false);
      return retry(finding.drained ? 'the host is still drained' : 'whether the host is drained is unknown', true);
    case 'patch': {
      const unchanged = atPreState(finding.packages, pre);
      if (unchanged === true) return retry('no package was changed yet', drainedNow);
      if (unchanged === false) return retry('packages changed, the transaction may be incomplete', drainedNow);
      return retry('the package versions could not be read', drainedNow);
    }
    case 'rollback':
      if (atPreState(finding.packages, pre) === true)
        return done('the probe shows the recorded versions back in place', drainedNow);
      return retry('the recorded versions are not all back', drainedNow);
    case 'precheck':
    case 'record':
    case 'restart':
    case 'reboot':
    case 'verify':
    case 'reverify':
      return retry(`${step} is safe to repeat`, drainedNow);
  }
}

/**
 * Why an interrupted rollout is paused, in words: the hosts that were in flight and where, and
 * every host still drained (in flight, or failed and left out of traffic), so none is drained
 * without the admin being told.
 */
export function interruptionReason(
  hosts: readonly { host: string; run: HostRun }[],
  cause = 'Patchwise stopped while this rollout ran.',
): string {
  const inFlight = hosts.flatMap(({ host, run }) => (run.phase === 'active' ? [`${host} (at ${run.step})`] : []));
  const drained = hosts.flatMap(({ host, run }) =>
    run.phase === 'active' && run.drained ? [host] : run.phase === 'failed' && run.drained ? [`${host} (failed)`] : [],
  );
  const parts = [cause];
  parts.push(inFlight.length > 0 ? `In flight: ${inFlight.join(', ')}.` : 'No host was in the middle of its run.');
  if (drained.length > 0) parts.push(`Still drained: ${drained.join(', ')}.`);
  parts.push(inFlight.length > 0 ? 'Resume to carry on, or roll back.' : 'Resume to carry on, or cancel.');
  return parts.join(' ');
}
