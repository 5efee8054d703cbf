import type { ServiceGraph } from '../../../shared/domain/graph';
import type { Host } from '../../../shared/domain/host';
import type { PackageTarget, PreState, ProbeFinding } from '../../domain/rollout/model';
import type { HostRecord } from '../../domain/rollout/records';
import { compareDpkg } from '../../domain/versions/dpkg';
import { compareRpm } from '../../domain/versions/rpm';
import type { TargetSources } from '../../fleet/ssh/target';
import type { HostActions, StepContext, StepOutcome } from '../host-actions';
import { createHealthChecks } from './health';
import { createStepRunner, Failed, type Shell } from './ssh-step';
import { createSwitchover } from './switchover';
import { createDrains } from './drain';
import {
  dryRunScript,
  installedScript,
  installScript,
  parseAptDryRun,
  parseDnfDryRun,
  parseInstalled,
  rebootRequiredScript,
  refreshScript,
  restartScript,
  restoreScript,
  servicesToRestart,
  STALE_SERVICES_SCRIPT,
  type PackageChange,
  type PackageFamily,
} from './package-manager';

export interface RolloutTimeouts {
  /** One command on a host (an install may take long). */
  commandMs: number;
  /** A reboot, until the host answers SSH with a new boot id. */
  rebootMs: number;
  /** A drained server's open sessions to end; a restarted service to answer. */
  settleMs: number;
}

export const DEFAULT_TIMEOUTS: RolloutTimeouts = { commandMs: 15 * 60_000, rebootMs: 10 * 60_000, settleMs: 30_000 };

export interface SshActionsDeps {
  host(name: string): Host | undefined;
  sources: TargetSources;
  /** The graph the rollout was planned on: services, drain settings and health checks. */
  graphOf(rolloutId: number): ServiceGraph;
  /** The rollout's hosts and where they are, to find an unpatched baseline. */
  hostsOf(rolloutId: number): HostRecord[];
  timeouts: RolloutTimeouts;
  /**
   * `to` now is the primary of a database service: the graph is told, and answers in words for
   * the step's log (the version saved, or why the graph was left as it was).
   */
  switchedOver?(service: string, from: string, to: string): string;
}

/** Versions as the family compares them: rpm's `0:2.1-1.el9` is `2.1-1.el9`. */
const sameVersion = (family: PackageFamily, a: string | undefined, b: string): boolean =>
  a !== undefined && (family === 'debian' ? compareDpkg(a, b) : compareRpm(a, b)) === 0;

const familyOf = (host: Host): PackageFamily => {
  if (host.osFamily === 'debian' || host.osFamily === 'rhel') return host.osFamily;
  throw new Failed(`${host.name} is a ${host.osFamily} host: this engine patches Debian- and RHEL-family hosts`);
};

export const describeChanges = (changes: readonly PackageChange[]): string =>
  changes.map((c) => `${c.name} ${c.from ?? '(new)'} -> ${c.to}`).join(', ') || 'nothing to change';

/** The SSH executors, and a dry run of a host's work on its own (what an admin checks before starting). */
export type SshActions = HostActions & {
  dryRun(host: string, work: readonly PackageTarget[]): Promise<StepOutcome<{ changes: PackageChange[] }>>;
};

/**
 * The rollout steps over SSH on Debian- and RHEL-family hosts: apt or dnf, systemd, HAProxy's
 * runtime API on the load balancer, HTTP checks from this machine. Each step opens its own
 * session (a reboot or a cut link ends sessions; a step should not depend on the one before).
 */
export function createSshActions(deps: SshActionsDeps): SshActions {
  const { timeouts } = deps;
  const { mustHost, step, connect } = createStepRunner(deps);
  const check = createHealthChecks(deps);
  const switchOver = createSwitchover(deps, { mustHost, connect });
  const drains = createDrains(deps);
  const { servicesOf } = drains;

  async function setDrained(ctx: StepContext, drained: boolean): Promise<StepOutcome<{ drained: boolean }>> {
    return step(ctx.host, async (shell, log) => {
      const switched = drained ? await switchOver(ctx, shell, log) : [];
      const done = await drains.setDrained(ctx, drained, log);
      return {
        drained: drained && done.length > 0,
        note: [
          ...switched,
          done.length === 0
            ? 'no drain configured for its services'
            : `${drained ? 'drained' : 'undrained'} in ${done.join(', ')}`,
        ].join('; '),
      };
    });
  }

  /** Names of every package the work touches, with what apt or dnf says it pulls in. */
  async function changes(shell: Shell, family: PackageFamily, ctx: StepContext): Promise<string[]> {
    const names = new Set(ctx.work.map((target) => target.name));
    if (ctx.work.length > 0) {
      const dry = (await shell.root(dryRunScript(family, ctx.work))).out;
      for (const change of family === 'debian' ? parseAptDryRun(dry) : parseDnfDryRun(dry)) names.add(change.name);
    }
    return [...names].sort();
  }

  async function restoreTo(
    shell: Shell,
    family: PackageFamily,
    pre: PreState,
    log: (line: string) => void,
  ): Promise<string> {
    const names = Object.keys(pre.packages);
    const now = parseInstalled((await shell.root(installedScript(family, names))).out);
    const differ = Object.fromEntries(
      Object.entries(pre.packages).filter(([name, version]) => !sameVersion(family, now[name], version)),
    );
    if (Object.keys(differ).length === 0) return 'already at the recorded versions';
    await shell.root(restoreScript(family, differ));
    const after = parseInstalled((await shell.root(installedScript(family, names))).out);
    const still = Object.entries(pre.packages).filter(([name, version]) => !sameVersion(family, after[name], version));
    if (still.length > 0)
      throw new Failed(
        `still not at the recorded versions: ${still.map(([name, v]) => `${name} ${after[name] ?? 'missing'} (want ${v})`).join(', ')}`,
      );
    const units = servicesToRestart((await shell.root(STALE_SERVICES_SCRIPT)).out);
    if (units.length > 0) {
      await shell.root(restartScript(units));
      log(`restarted ${units.join(', ')}`);
    }
    return `back to ${Object.entries(differ)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}`;
  }

  /** Refreshes from the mirror and asks the package manager what the work would change. */
  async function dryRunOn(
    shell: Shell,
    family: PackageFamily,
    work: readonly PackageTarget[],
  ): Promise<PackageChange[]> {
    await shell.root(refreshScript(family));
    const dry = await shell.root(dryRunScript(family, work));
    if (family === 'debian') return parseAptDryRun(dry.out);
    // --assumeno exits 1 whether it declined a transaction or found no such package: ask the output.
    const missing = /^(No match for argument: .*|Error: Unable to find a match.*)$/m.exec(dry.out);
    if (missing) throw new Failed(`${shell.name}: ${missing[0]}`);
    const changes = parseDnfDryRun(dry.out);
    const installed = parseInstalled(
      (
        await shell.root(
          installedScript(
            family,
            changes.map((c) => c.name),
          ),
        )
      ).out,
    );
    return changes.map((change) => ({ ...change, from: installed[change.name] ?? null }));
  }

  /** Asked while waiting for a reboot: short, so one hung poll does not outlast the wait. */
  const bootId = (shell: Shell): Promise<string> =>
    shell.root('cat /proc/sys/kernel/random/boot_id', { timeoutMs: 15_000 }).then((result) => result.out.trim());

  return {
    precheck: (ctx) =>
      step(ctx.host, async (shell, log, host) => {
        const family = familyOf(host);
        const free = Number((await shell.root("df -Pk /var | awk 'NR==2 {print $4}'")).out.trim());
        if (Number.isFinite(free) && free < 512 * 1024)
          throw new Failed(`${host.name} has ${String(Math.round(free / 1024))} MiB free in /var; patching needs 512`);
        await drains.refuseIfOutOfTraffic(ctx);
        if (ctx.work.length === 0) return { note: 'nothing to install' };
        log(`dry run: ${describeChanges(await dryRunOn(shell, family, ctx.work))}`);
        return { note: `${String(Math.round(free / 1024))} MiB free, the mirror answers, the dry run passes` };
      }),

    dryRun: (name, work) =>
      step(name, async (shell, _log, host) => {
        const changes = work.length === 0 ? [] : await dryRunOn(shell, familyOf(host), work);
        return { changes, note: describeChanges(changes) };
      }),

    drain: (ctx) => setDrained(ctx, true),
    undrain: (ctx) => setDrained(ctx, false),

    record: (ctx) =>
      step(ctx.host, async (shell, _log, host) => {
        const family = familyOf(host);
        const names = await changes(shell, family, ctx);
        const packages = parseInstalled((await shell.root(installedScript(family, names))).out);
        const preState: PreState = { packages, snapshot: null, transaction: null };
        return {
          preState,
          note: `recorded ${
            Object.entries(packages)
              .map(([name, version]) => `${name} ${version}`)
              .join(', ') || 'no packages'
          }`,
        };
      }),

    patch: (ctx) =>
      step(ctx.host, async (shell, _log, host) => {
        const family = familyOf(host);
        if (ctx.work.length > 0) await shell.root(installScript(family, ctx.work));
        const after = parseInstalled(
          (
            await shell.root(
              installedScript(
                family,
                ctx.work.map((t) => t.name),
              ),
            )
          ).out,
        );
        const off = ctx.work.filter((target) =>
          target.version === null
            ? after[target.name] === undefined
            : !sameVersion(family, after[target.name], target.version),
        );
        if (off.length > 0)
          throw new Failed(
            `not at the target versions after the install: ${off.map((t) => `${t.name} ${after[t.name] ?? 'missing'} (want ${t.version ?? ''})`).join(', ')}`,
          );
        const rebootRequired = (await shell.root(rebootRequiredScript(family))).out.includes('reboot');
        return {
          rebootRequired,
          note: `installed ${ctx.work.map((t) => `${t.name} ${after[t.name] ?? '?'}`).join(', ') || 'nothing'}${rebootRequired ? '; a reboot is needed' : ''}`,
        };
      }),

    async restart(ctx, mode) {
      if (mode === 'services')
        return step(ctx.host, async (shell) => {
          const units = servicesToRestart((await shell.root(STALE_SERVICES_SCRIPT)).out);
          await shell.root(restartScript(units));
          return { note: units.length === 0 ? 'no service runs replaced code' : `restarted ${units.join(', ')}` };
        });
      let before = '';
      const asked = await step(ctx.host, async (shell) => {
        before = await bootId(shell);
        // Detached, so this command returns before the host goes down.
        await shell.root('nohup sh -c "sleep 1; systemctl reboot" >/dev/null 2>&1 &');
        return { note: `rebooting (boot ${before.slice(0, 8)})` };
      });
      if (asked.kind !== 'ok') return asked;
      const deadline = Date.now() + timeouts.rebootMs;
      let last = '';
      let answered = false;
      while (Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 2000));
        const back = await step(ctx.host, async (shell) => {
          const now = await bootId(shell);
          if (now === before) throw new Failed('still the same boot');
          return { note: `back up (boot ${now.slice(0, 8)})` };
        });
        if (back.kind === 'ok') return { kind: 'ok', output: `${asked.output}\n${back.output}` };
        last = back.reason;
        answered = back.kind === 'failed';
      }
      // Up all along on the same boot: the reboot was refused or held back, and the host can say so.
      if (answered)
        return {
          kind: 'failed',
          output: `${asked.output}\n${last}`,
          reason: `${ctx.host} answered but did not reboot within ${String(Math.round(timeouts.rebootMs / 1000))} s (${last})`,
        };
      return {
        kind: 'unreachable',
        output: `${asked.output}\n${last}`,
        reason: `${ctx.host} did not come back within ${String(Math.round(timeouts.rebootMs / 1000))} s of its reboot${last ? ` (${last})` : ''}`,
      };
    },

    verify: (ctx) =>
      step(ctx.host, async (shell, log, host) => {
        const services = servicesOf(ctx).filter((service) => service.checks.length > 0);
        for (const service of services)
          for (const health of service.checks) await check(ctx, shell, host, service, health, log);
        return {
          note:
            services.length === 0
              ? 'no health checks are configured for its services'
              : `healthy: ${services.map((s) => `${s.name} (${String(s.checks.length)} checks)`).join(', ')}`,
        };
      }),

    rollback: (ctx) =>
      step(ctx.host, async (shell, log, host) => {
        if (!ctx.preState) return { note: 'nothing was recorded, so nothing was installed' };
        return { note: await restoreTo(shell, familyOf(host), ctx.preState, log) };
      }),

    async probe(rolloutId, name, batch, preState): Promise<ProbeFinding> {
      let packages: Record<string, string> | null = null;
      const reached = await step(name, async (shell, _log, host) => {
        if (preState)
          packages = parseInstalled(
            (await shell.root(installedScript(familyOf(host), Object.keys(preState.packages)))).out,
          );
        return { note: 'answers' };
      });
      if (reached.kind === 'unreachable') return { reachable: false, detail: reached.reason };
      // Drained as HAProxy says; a host whose services drain some other way cannot be asked.
      const ctx = { rolloutId, host: name, batch, attempt: 1, work: [], preState };
      const { drained, notes } = await drains.drainedNow(ctx);
      const reply = reached.kind === 'ok' ? 'answers' : reached.reason;
      return { reachable: true, drained, packages, detail: [reply, ...notes].join('; ') };
    },
  };
}
