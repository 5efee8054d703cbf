import { describe, expect, it } from 'vitest';
import { nextHost } from '../../src/main/domain/rollout/host-machine';
import type { HostEvent, HostPath, HostRun, HostStep } from '../../src/main/domain/rollout/model';
import { AppError } from '../../src/shared/result';

const at = (step: HostStep, path: HostPath = 'forward', drained = false, reason: string | null = null): HostRun => ({
  phase: 'active',
  step,
  path,
  drained,
  reason,
});
const ok = (step: HostStep, reboot = false): HostEvent => ({ type: 'ok', step, reboot });
const failed = (step: HostStep, reason = 'boom'): HostEvent => ({ type: 'failed', step, reason });
const lost = (step: HostStep): HostEvent => ({ type: 'unreachable', step, reason: 'no answer' });

describe('the host state machine', () => {
  it.each<[string, HostRun, HostEvent, HostRun]>([
    ['a pending host starts with its precheck', { phase: 'pending' }, { type: 'start' }, at('precheck')],
    [
      'a pending host is skipped',
      { phase: 'pending' },
      { type: 'skip', reason: 'cancelled' },
      { phase: 'skipped', reason: 'cancelled' },
    ],
    ['precheck ok drains', at('precheck'), ok('precheck'), at('drain')],
    ['drain ok records, drained', at('drain'), ok('drain'), at('record', 'forward', true)],
    [
      'a drain with nothing to drain records, not drained',
      at('drain'),
      { type: 'ok', step: 'drain', drained: false },
      at('record'),
    ],
    ['record ok patches', at('record', 'forward', true), ok('record'), at('patch', 'forward', true)],
    ['patch ok restarts services', at('patch', 'forward', true), ok('patch'), at('restart', 'forward', true)],
    ['patch ok reboots when needed', at('patch', 'forward', true), ok('patch', true), at('reboot', 'forward', true)],
    ['restart ok verifies', at('restart', 'forward', true), ok('restart'), at('verify', 'forward', true)],
    ['reboot ok verifies', at('reboot', 'forward', true), ok('reboot'), at('verify', 'forward', true)],
    ['verify ok undrains', at('verify', 'forward', true), ok('verify'), at('undrain', 'forward', true)],
    ['undrain ok: done', at('undrain', 'forward', true), ok('undrain'), { phase: 'done' }],
    [
      'a failed precheck fails the host with nothing changed',
      at('precheck'),
      failed('precheck', 'disk full'),
      { phase: 'failed', reason: 'precheck failed: disk full (nothing was changed)', drained: false },
    ],
    [
      'a failed drain still undrains, on the abort path',
      at('drain'),
      failed('drain', 'socket refused'),
      at('undrain', 'abort', true, 'drain failed: socket refused'),
    ],
    [
      'a failed record undrains, unpatched',
      at('record', 'forward', true),
      failed('record'),
      at('undrain', 'abort', true, 'record failed: boom'),
    ],
    [
      'undrain after an abort: failed, not drained',
      at('undrain', 'abort', true, 'drain failed: x'),
      ok('undrain'),
      { phase: 'failed', reason: 'drain failed: x', drained: false },
    ],
    [
      'a failed patch rolls back',
      at('patch', 'forward', true),
      failed('patch'),
      at('rollback', 'rollback', true, 'patch failed: boom'),
    ],
    [
      'a failed restart rolls back',
      at('restart', 'forward', true),
      failed('restart'),
      at('rollback', 'rollback', true, 'restart failed: boom'),
    ],
    [
      'a failed verify rolls back',
      at('verify', 'forward', true),
      failed('verify', '502'),
      at('rollback', 'rollback', true, 'verify failed: 502'),
    ],
    [
      'rollback ok verifies again',
      at('rollback', 'rollback', true, 'v'),
      ok('rollback'),
      at('reverify', 'rollback', true, 'v'),
    ],
    [
      'reverify ok undrains',
      at('reverify', 'rollback', true, 'v'),
      ok('reverify'),
      at('undrain', 'rollback', true, 'v'),
    ],
    [
      'undrain after a rollback: rolled back',
      at('undrain', 'rollback', true, 'v'),
      ok('undrain'),
      { phase: 'rolled-back', reason: 'v' },
    ],
    [
      'a failed rollback fails the host and leaves it drained',
      at('rollback', 'rollback', true, 'verify failed: 502'),
      failed('rollback', 'dnf error'),
      { phase: 'failed', reason: 'rollback failed: dnf error, after verify failed: 502; left drained', drained: true },
    ],
    [
      'a failed reverify leaves it drained',
      at('reverify', 'rollback', true, 'v'),
      failed('reverify', '502'),
      { phase: 'failed', reason: 'reverify failed: 502, after v; left drained', drained: true },
    ],
    [
      'a failed undrain fails the host, still drained',
      at('undrain', 'forward', true),
      failed('undrain', 'socket refused'),
      { phase: 'failed', reason: 'undrain failed: socket refused; still drained', drained: true },
    ],
    [
      'unreachable at precheck: failed, not drained',
      at('precheck'),
      lost('precheck'),
      { phase: 'failed', reason: 'unreachable during precheck: no answer', drained: false },
    ],
    [
      'unreachable during the drain counts as drained',
      at('drain'),
      lost('drain'),
      { phase: 'failed', reason: 'unreachable during drain: no answer; still drained', drained: true },
    ],
    [
      'unreachable after a reboot: failed, still drained',
      at('reboot', 'forward', true),
      lost('reboot'),
      { phase: 'failed', reason: 'unreachable during reboot: no answer; still drained', drained: true },
    ],
    [
      'abort at precheck: failed, unchanged',
      at('precheck'),
      { type: 'abort', reason: 'r' },
      { phase: 'failed', reason: 'r (nothing was changed)', drained: false },
    ],
    [
      'abort at record: undrain',
      at('record', 'forward', true),
      { type: 'abort', reason: 'r' },
      at('undrain', 'abort', true, 'r'),
    ],
    [
      'abort at verify: roll back',
      at('verify', 'forward', true),
      { type: 'abort', reason: 'r' },
      at('rollback', 'rollback', true, 'r'),
    ],
    [
      'abort while undraining a verified host: roll back',
      at('undrain', 'forward', true),
      { type: 'abort', reason: 'r' },
      at('rollback', 'rollback', true, 'r'),
    ],
    [
      'abort during a rollback: carries on',
      at('rollback', 'rollback', true, 'v'),
      { type: 'abort', reason: 'r' },
      at('rollback', 'rollback', true, 'v'),
    ],
  ])('%s', (_name, from, event, to) => {
    expect(nextHost('web1', from, event).run).toEqual(to);
  });

  it('says which step runs next, or how the host ended', () => {
    expect(nextHost('web1', at('patch', 'forward', true), ok('patch', true)).actions).toEqual([
      { kind: 'run', step: 'reboot' },
    ]);
    expect(nextHost('web1', at('undrain', 'rollback', true, 'v'), ok('undrain')).actions).toEqual([
      { kind: 'end', outcome: 'rolled-back', drained: false },
    ]);
  });

  it.each<[string, HostRun, HostEvent, string]>([
    ['an event for another step', at('patch', 'forward', true), ok('verify'), 'web1: is at patch, not verify'],
    ['a second start', at('drain'), { type: 'start' }, 'web1: has already started (at drain); "start" is not allowed'],
    [
      'skipping a started host',
      at('drain'),
      { type: 'skip', reason: 'x' },
      'web1: has already started (at drain); "skip" is not allowed',
    ],
    [
      'a step result before the start',
      { phase: 'pending' },
      ok('precheck'),
      'web1: has not started, so it cannot take "ok"',
    ],
    ['anything after the end', { phase: 'done' }, ok('undrain'), 'web1: has ended (done); "ok" is not allowed'],
    [
      'aborting an ended host',
      { phase: 'rolled-back', reason: 'v' },
      { type: 'abort', reason: 'r' },
      'web1: has ended (rolled-back); "abort" is not allowed',
    ],
  ])('refuses %s', (_name, from, event, message) => {
    expect(() => nextHost('web1', from, event)).toThrow(expect.objectContaining({ code: 'conflict', message }));
    expect(() => nextHost('web1', from, event)).toThrow(AppError);
  });
});
