import { AppError } from '../../../shared/result';
import type { HostAction, HostEvent, HostPath, HostRun, HostStep } from './model';

export interface HostTransition {
  run: HostRun;
  actions: HostAction[];
}

type Active = Extract<HostRun, { phase: 'active' }>;

const refuse = (host: string, message: string): never => {
  throw new AppError('conflict', `${host}: ${message}`);
};

const step = (from: Active, next: HostStep, changes: Partial<Omit<Active, 'phase' | 'step'>> = {}): HostTransition => {
  const run: Active = { ...from, ...changes, step: next };
  return { run, actions: [{ kind: 'run', step: next }] };
};

const failed = (reason: string, drained: boolean): HostTransition => ({
  run: { phase: 'failed', reason, drained },
  actions: [{ kind: 'end', outcome: 'failed', drained }],
});

/** A failure reason that keeps what went wrong first. */
const after = (reason: string, earlier: string | null): string => (earlier ? `${reason}, after ${earlier}` : reason);

/** Where a host goes when a step succeeds. */
function succeeded(run: Active, done: HostStep, reboot: boolean, drained: boolean): HostTransition {
  switch (done) {
    case 'precheck':
      return step(run, 'drain');
    case 'drain':
      // A host whose services have no drain configured was never out of traffic.
      return step(run, 'record', { drained });
    case 'record':
      return step(run, 'patch');
    case 'patch':
      return step(run, reboot ? 'reboot' : 'restart');
    case 'restart':
    case 'reboot':
      return step(run, 'verify');
    case 'verify':
      return step(run, 'undrain');
    case 'rollback':
      return step(run, 'reverify');
    case 'reverify':
      return step(run, 'undrain');
    case 'undrain':
      return ended(run.path, run.reason);
  }
}

function ended(path: HostPath, reason: string | null): HostTransition {
  switch (path) {
    case 'forward':
      return { run: { phase: 'done' }, actions: [{ kind: 'end', outcome: 'done', drained: false }] };
    case 'rollback': {
      const why = reason ?? 'rolled back';
      return {
        run: { phase: 'rolled-back', reason: why },
        actions: [{ kind: 'end', outcome: 'rolled-back', drained: false }],
      };
    }
    case 'abort':
      return failed(reason ?? 'stopped before patching', false);
  }
}

/** Where a host goes when a step fails while the host still answers. */
function stepFailed(run: Active, at: HostStep, reason: string): HostTransition {
  const why = `${at} failed: ${reason}`;
  switch (at) {
    case 'precheck':
      return failed(`${why} (nothing was changed)`, false);
    case 'drain':
    case 'record':
      // Some of the drain may have happened: undrain is attempted, then the host fails unpatched.
      return step(run, 'undrain', { path: 'abort', drained: true, reason: why });
    case 'patch':
    case 'restart':
    case 'reboot':
    case 'verify':
      return step(run, 'rollback', { path: 'rollback', reason: why });
    case 'rollback':
    case 'reverify':
      // Not healthy and not restored: it stays out of traffic until someone looks at it.
      return failed(`${after(why, run.reason)}; left drained`, true);
    case 'undrain':
      return failed(`${after(why, run.reason)}; still drained`, true);
  }
}

/** An admin's roll back of an interrupted host: back out of whatever it may have had done. */
function aborted(run: Active, reason: string): HostTransition {
  switch (run.step) {
    case 'precheck':
      return failed(`${reason} (nothing was changed)`, false);
    case 'drain':
    case 'record':
      return step(run, 'undrain', { path: 'abort', drained: true, reason });
    case 'patch':
    case 'restart':
    case 'reboot':
    case 'verify':
      return step(run, 'rollback', { path: 'rollback', reason });
    case 'undrain':
      // Verified and only waiting to take traffic again: roll back like any host in flight.
      return run.path === 'forward' ? step(run, 'rollback', { path: 'rollback', reason }) : { run, actions: [] };
    case 'rollback':
    case 'reverify':
      return { run, actions: [] };
  }
}

/**
 * The host state machine. Refuses (AppError `conflict`) anything not in its table: an event
 * for another step than the one running, anything after the host ended, a start twice.
 */
export function nextHost(host: string, run: HostRun, event: HostEvent): HostTransition {
  if (run.phase === 'pending') {
    if (event.type === 'start')
      return step({ phase: 'active', step: 'precheck', path: 'forward', drained: false, reason: null }, 'precheck');
    if (event.type === 'skip')
      return {
        run: { phase: 'skipped', reason: event.reason },
        actions: [{ kind: 'end', outcome: 'skipped', drained: false }],
      };
    return refuse(host, `has not started, so it cannot take "${event.type}"`);
  }
  if (run.phase !== 'active') return refuse(host, `has ended (${run.phase}); "${event.type}" is not allowed`);
  switch (event.type) {
    case 'start':
    case 'skip':
      return refuse(host, `has already started (at ${run.step}); "${event.type}" is not allowed`);
    case 'abort':
      return aborted(run, event.reason);
    case 'ok':
    case 'failed':
    case 'unreachable':
      if (event.step !== run.step) return refuse(host, `is at ${run.step}, not ${event.step}`);
  }
  if (event.type === 'ok') return succeeded(run, event.step, event.reboot ?? false, event.drained ?? true);
  if (event.type === 'failed') return stepFailed(run, event.step, event.reason);
  // A drain in progress may have taken effect: the host counts as drained until shown otherwise.
  const drained = run.drained || event.step === 'drain';
  const why = `unreachable during ${event.step}: ${event.reason}`;
  return failed(`${after(why, run.reason)}${drained ? '; still drained' : ''}`, drained);
}

/** Whether a host counts as drained if the app stopped while `run` was in its current step. */
export function drainedIfInterrupted(run: HostRun): boolean {
  if (run.phase === 'failed') return run.drained;
  if (run.phase !== 'active') return false;
  return run.drained || run.step === 'drain';
}
