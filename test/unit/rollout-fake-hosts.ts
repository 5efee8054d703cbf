import { readFileSync, writeFileSync } from 'node:fs';
import type { PlanBatch } from '../../src/shared/domain/plan';
import type { PreState, ProbeFinding } from '../../src/main/domain/rollout/model';
import type { HostActions, StepContext, StepOutcome } from '../../src/main/rollout/host-actions';

/**
 * A FAKE `HostActions`, and labelled as one: the SSH executors that act on real hosts are the
 * next piece of issue #6, and until they exist nothing here can drain, patch or reboot a lab
 * host. This models what the engine needs of a host (reachable, drained, package versions,
 * healthy) so the engine's behaviour, not the fake's, is what the tests assert. With a `file`,
 * the hosts' state lives on disk, as real hosts outlive a killed app.
 */

export const BEFORE = { 'demo-http': '2.0-1' };
export const AFTER = { 'demo-http': '2.1-1' };

export interface FakeHost {
  reachable: boolean;
  drained: boolean;
  healthy: boolean;
  packages: Record<string, string>;
  boots: number;
  /** The patch breaks the service: verify fails until a rollback. */
  breaks?: boolean;
  needsReboot?: boolean;
}

export interface FakeWorld {
  hosts: Record<string, FakeHost>;
  /** Every action the engine asked for, in order, written before the action acts. */
  log: { host: string; step: string; attempt: number }[];
}

export type FakeStep = 'precheck' | 'drain' | 'record' | 'patch' | 'restart' | 'verify' | 'rollback' | 'undrain';

export const fakeWorld = (names: readonly string[], overrides: Record<string, Partial<FakeHost>> = {}): FakeWorld => ({
  hosts: Object.fromEntries(
    names.map((name) => [
      name,
      { reachable: true, drained: false, healthy: true, packages: { ...BEFORE }, boots: 0, ...overrides[name] },
    ]),
  ),
  log: [],
});

interface Held {
  reached: Promise<void>;
  release: () => void;
}

export interface FakeOptions {
  world?: FakeWorld;
  /** Keeps the world in this file, read at creation when no world is given, written on every change. */
  file?: string;
  /** Called after a step's effect on the host and before the engine hears of it. */
  afterEffect?: (host: string, step: FakeStep) => void;
}

export function createFakeHosts(options: FakeOptions) {
  const world: FakeWorld = options.world ?? (JSON.parse(readFileSync(options.file ?? '', 'utf8')) as FakeWorld);
  const scripted = new Map<string, StepOutcome>();
  const holds = new Map<string, { arrive: () => void; wait: Promise<void> }>();
  const save = (): void => {
    if (options.file) writeFileSync(options.file, JSON.stringify(world));
  };
  save();

  const held = async (key: string): Promise<void> => {
    const hold = holds.get(key);
    if (!hold) return;
    hold.arrive();
    await hold.wait;
  };

  const hostOf = (name: string): FakeHost => {
    const host = world.hosts[name];
    if (!host) throw new Error(`The fake has no host ${name}`);
    return host;
  };

  /** The common frame of every step: yield (real steps are I/O), log, hold, answer or act. */
  async function step<T extends object>(
    name: FakeStep,
    ctx: StepContext,
    act: (host: FakeHost) => StepOutcome<T>,
  ): Promise<StepOutcome<T>> {
    await new Promise((resolve) => setImmediate(resolve));
    world.log.push({ host: ctx.host, step: name, attempt: ctx.attempt });
    save();
    await held(`${ctx.host}:${name}:before`);
    const host = hostOf(ctx.host);
    const forced = scripted.get(`${ctx.host}:${name}`);
    if (forced && forced.kind !== 'ok') return forced;
    if (!host.reachable)
      return { kind: 'unreachable', output: 'ssh: connect: timed out', reason: 'no answer on port 22' };
    const outcome = act(host);
    save();
    options.afterEffect?.(ctx.host, name);
    await held(`${ctx.host}:${name}:after`);
    return outcome;
  }

  const ok = { kind: 'ok' as const, output: '' };
  const actions: HostActions = {
    precheck: (ctx) =>
      step('precheck', ctx, () => ({ ...ok, output: 'disk 12 GiB free; mirror answers; dry run valid' })),
    drain: (ctx) =>
      step('drain', ctx, (host) => {
        host.drained = true;
        return { ...ok, output: 'set server web/host state drain' };
      }),
    record: (ctx) =>
      step('record', ctx, (host) => ({
        ...ok,
        output: JSON.stringify(host.packages),
        preState: { packages: { ...host.packages }, snapshot: null, transaction: null } satisfies PreState,
      })),
    patch: (ctx) =>
      step('patch', ctx, (host) => {
        host.packages = { ...AFTER };
        if (host.breaks) host.healthy = false;
        return { ...ok, output: 'Upgraded demo-http 2.0-1 -> 2.1-1', rebootRequired: host.needsReboot ?? false };
      }),
    restart: (ctx, mode) =>
      step('restart', ctx, (host) => {
        if (mode === 'reboot') host.boots++;
        return { ...ok, output: mode === 'reboot' ? 'rebooted; back after 41 s' : 'restarted demo-http' };
      }),
    verify: (ctx) =>
      step('verify', ctx, (host) =>
        host.healthy
          ? { ...ok, output: 'GET /health 200' }
          : { kind: 'failed', output: 'GET /health 502', reason: 'HTTP 502 from /health' },
      ),
    rollback: (ctx) =>
      step('rollback', ctx, (host) => {
        host.packages = { ...(ctx.preState?.packages ?? host.packages) };
        host.healthy = true;
        return { ...ok, output: 'Downgraded demo-http 2.1-1 -> 2.0-1' };
      }),
    undrain: (ctx) =>
      step('undrain', ctx, (host) => {
        host.drained = false;
        return { ...ok, output: 'set server web/host state ready' };
      }),
    async probe(_rollout: number, name: string, _batch: PlanBatch, pre: PreState | null): Promise<ProbeFinding> {
      await new Promise((resolve) => setImmediate(resolve));
      const host = hostOf(name);
      if (!host.reachable) return { reachable: false, detail: 'no answer on port 22' };
      const packages = Object.fromEntries(
        Object.keys(pre?.packages ?? host.packages).map((p) => [p, host.packages[p] ?? '']),
      );
      return { reachable: true, drained: host.drained, packages, detail: 'probed' };
    },
  };

  return {
    actions,
    world,
    /** The step answers this instead of acting. */
    script(host: string, name: FakeStep, outcome: StepOutcome): void {
      scripted.set(`${host}:${name}`, outcome);
    },
    /**
     * The step waits until released, before it acts on the host or after (the effect done, the
     * engine not told yet): `reached` says it got there.
     */
    hold(host: string, name: FakeStep, when: 'before' | 'after' = 'before'): Held {
      let arrive = (): void => undefined;
      let release = (): void => undefined;
      const reached = new Promise<void>((resolve) => (arrive = resolve));
      const wait = new Promise<void>((resolve) => (release = resolve));
      holds.set(`${host}:${name}:${when}`, { arrive, wait });
      return { reached, release };
    },
    steps: (host: string): string[] => world.log.filter((entry) => entry.host === host).map((entry) => entry.step),
  };
}

export type FakeHosts = ReturnType<typeof createFakeHosts>;
