import type { Drain, HealthCheck, Service, ServiceGraph } from '../../../shared/domain/graph';
import type { Host } from '../../../shared/domain/host';
import { AppError } from '../../../shared/result';
import type { PackageTarget, PreState, ProbeFinding } from '../../domain/rollout/model';
import type { HostRecord } from '../../domain/rollout/records';
import { compareDpkg } from '../../domain/versions/dpkg';
import { compareRpm } from '../../domain/versions/rpm';
import { privilegedShell } from '../../fleet/scan';
import { SshSession } from '../../fleet/ssh/session';
import { targetFor, type TargetSources } from '../../fleet/ssh/target';
import type { HostActions, StepContext, StepOutcome } from '../host-actions';
import { serverState, setServerState, type HaproxyDrain, type LoadBalancer } from './haproxy';
import { checkUrl, describeRun, judgeHttp, runHttpCheck, type HttpRun } from './http-check';
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
}

/** A host stopped answering: the step ends the host's run as `unreachable`. */
class Unreachable extends Error {}
/** The host answered no: the step fails. */
class Failed extends Error {}

interface Shell {
  /** The host's name, for messages. */
  name: string;
  /** Runs a script as root; the transcript keeps the command and everything it printed. */
  root(script: string, options?: { timeoutMs?: number; allowFail?: boolean }): Promise<{ code: number; out: string }>;
  /** As the login user (custom health checks run with no more rights than they need). */
  user(script: string): Promise<{ code: number; out: string }>;
}

/** Versions as the family compares them: rpm's `0:2.1-1.el9` is `2.1-1.el9`. */
const sameVersion = (family: PackageFamily, a: string | undefined, b: string): boolean =>
  a !== undefined && (family === 'debian' ? compareDpkg(a, b) : compareRpm(a, b)) === 0;

const familyOf = (host: Host): PackageFamily => {
  if (host.osFamily === 'debian' || host.osFamily === 'rhel') return host.osFamily;
  throw new Failed(`${host.name} is a ${host.osFamily} host: this engine patches Debian- and RHEL-family hosts`);
};

/** The end of what a command said, for a reason: progress (\r) and debconf's chatter left out. */
const lastLines = (text: string, count = 4): string =>
  text
    .split(/[\r\n]+/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('debconf: '))
    .slice(-count)
    .join(' | ');

/**
 * The rollout steps over SSH on Debian- and RHEL-family hosts: apt or dnf, systemd, HAProxy's
 * runtime API on the load balancer, HTTP checks from this machine. Each step opens its own
 * session (a reboot or a cut link ends sessions; a step should not depend on the one before).
 */
export const describeChanges = (changes: readonly PackageChange[]): string =>
  changes.map((c) => `${c.name} ${c.from ?? '(new)'} -> ${c.to}`).join(', ') || 'nothing to change';

/** The SSH executors, and a dry run of a host's work on its own (what an admin checks before starting). */
export type SshActions = HostActions & {
  dryRun(host: string, work: readonly PackageTarget[]): Promise<StepOutcome<{ changes: PackageChange[] }>>;
};

export function createSshActions(deps: SshActionsDeps): SshActions {
  const { timeouts } = deps;

  const mustHost = (name: string): Host => {
    const host = deps.host(name);
    if (!host) throw new Failed(`${name} is no longer in the fleet`);
    return host;
  };

  /** Opens a session, runs `work`, and turns what happened into a step outcome with its transcript. */
  /** A session on a host with its privileged shell; every failure is Unreachable or Failed. */
  async function connect(host: Host, log: (line: string) => void): Promise<{ shell: Shell; close: () => void }> {
    let session: SshSession;
    try {
      session = await SshSession.open(await targetFor(host, deps.sources), { keepaliveIntervalMs: 5000 });
    } catch (error) {
      if (error instanceof AppError && (error.code === 'host_key_changed' || error.code === 'auth_failed'))
        throw new Failed(error.message);
      throw new Unreachable(error instanceof Error ? error.message : String(error));
    }
    try {
      const privileged = await privilegedShell(session, host, await deps.sources.secret(`sudo:${host.name}`), {
        timeoutMs: 60_000,
      });
      if (privileged.privilege === 'none' || privileged.privilege === 'sudo-needs-password')
        throw new Failed(
          `${host.name}: patching needs root, and ${host.loginUser} cannot sudo without a stored password`,
        );
      const run = async (script: string, asRoot: boolean, timeoutMs: number, allowFail: boolean) => {
        log(`${host.name}$ ${script.split('\n')[0] ?? ''}${script.includes('\n') ? ' …' : ''}`);
        // The host stops the script itself a little before we give up on it, so a hung apt or
        // dnf does not go on holding its lock after the step has failed.
        const limit = Math.max(1, Math.floor(timeoutMs / 1000) - 5);
        let result;
        try {
          result = await session.exec(`${asRoot ? privileged.runAs : ''}timeout -k 5 ${String(limit)} sh -s`, {
            timeoutMs,
            stdin: `${asRoot ? privileged.stdinPrefix : ''}${script}\n`,
          });
        } catch (error) {
          // A command that outlived its time on a host that still answers failed; a lost link is unreachable.
          if (error instanceof AppError && error.code === 'timeout') throw new Failed(error.message);
          throw new Unreachable(`${host.name}: ${error instanceof Error ? error.message : String(error)}`);
        }
        const out = `${result.stdout}${result.stderr}`;
        if (out.trim() !== '') log(out.trimEnd());
        const code = result.code ?? -1;
        if (code === 124 || code === 137)
          throw new Failed(`${host.name}: a command ran longer than ${String(limit)} s and was stopped`);
        if (code !== 0) log(`[exit ${String(code)}]`);
        if (code !== 0 && !allowFail) throw new Failed(`${host.name}: ${lastLines(out) || `exit ${String(code)}`}`);
        return { code, out: result.stdout };
      };
      const shell: Shell = {
        name: host.name,
        root: (script, options = {}) =>
          run(script, true, options.timeoutMs ?? timeouts.commandMs, options.allowFail ?? false),
        user: (script) => run(script, false, timeouts.commandMs, true),
      };
      return {
        shell,
        close: () => {
          session.close();
        },
      };
    } catch (error) {
      session.close();
      throw error;
    }
  }

  /** Opens a session, runs `work`, and turns what happened into a step outcome with its transcript. */
  async function step<Ok extends object>(
    hostName: string,
    work: (shell: Shell, log: (line: string) => void, host: Host) => Promise<Ok & { note: string }>,
  ): Promise<StepOutcome<Ok>> {
    const transcript: string[] = [];
    const log = (line: string): void => {
      transcript.push(line);
    };
    let close = (): void => undefined;
    try {
      const host = mustHost(hostName);
      const connected = await connect(host, log);
      close = connected.close;
      const { note, ...ok } = await work(connected.shell, log, host);
      log(note);
      return { kind: 'ok', output: transcript.join('\n'), ...(ok as Ok) };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log(reason);
      const output = transcript.join('\n');
      if (error instanceof Unreachable) return { kind: 'unreachable', output, reason };
      return { kind: 'failed', output, reason };
    } finally {
      close();
    }
  }

  /**
   * Before the primary of a database cluster leaves: its replica takes over, by the service's
   * switchover commands (demote here, then promote there). A failure fails the drain, so the
   * primary is not patched while it still is one.
   */
  async function switchOver(ctx: StepContext, shell: Shell, log: (line: string) => void): Promise<string[]> {
    const done: string[] = [];
    for (const { service: id, from, to } of ctx.batch.switchovers) {
      if (from !== ctx.host) continue;
      const service = deps.graphOf(ctx.rolloutId).services.find((candidate) => candidate.id === id);
      if (!service?.switchover)
        throw new Failed(
          `The plan has ${to} take over ${service?.name ?? id} from ${from}, but the service has no switchover commands`,
        );
      const [old, next] = [mustHost(from), mustHost(to)];
      const fill = (command: string): string =>
        command.replaceAll('{from}', old.address).replaceAll('{to}', next.address);
      await shell.root(fill(service.switchover.demote));
      const other = await connect(next, log);
      try {
        await other.shell.root(fill(service.switchover.promote));
      } finally {
        other.close();
      }
      log(`${to} took over ${service.name} from ${from}`);
      done.push(`${to} took over ${service.name}`);
    }
    return done;
  }

  /** The services of the batch this host is a member of, as the rollout's graph has them. */
  const servicesOf = (ctx: StepContext): Service[] =>
    deps
      .graphOf(ctx.rolloutId)
      .services.filter(
        (service) =>
          ctx.batch.services.includes(service.id) && service.members.some((member) => member.host === ctx.host),
      );

  const loadBalancer = (drain: HaproxyDrain): LoadBalancer => {
    const host = deps.host(drain.via);
    if (!host) throw new Failed(`The load balancer ${drain.via} is not in the fleet`);
    return { host, sources: deps.sources, timeoutMs: 60_000 };
  };

  async function setDrained(ctx: StepContext, drained: boolean): Promise<StepOutcome<{ drained: boolean }>> {
    return step(ctx.host, async (shell, log) => {
      const switched = drained ? await switchOver(ctx, shell, log) : [];
      const done: string[] = [];
      for (const service of servicesOf(ctx)) {
        const drain: Drain | null = service.drain;
        if (!drain) continue;
        if (drain.kind === 'haproxy') {
          const state = await setServerState(
            loadBalancer(drain),
            drain,
            ctx.host,
            drained ? 'drain' : 'ready',
            drained ? timeouts.settleMs : 0,
          ).catch((error: unknown) => {
            throw new Failed(error instanceof Error ? error.message : String(error));
          });
          if (state.drained !== drained)
            throw new Failed(
              `HAProxy on ${drain.via} still has ${ctx.host} ${state.drained ? 'drained' : 'in traffic'} in ${drain.backend}`,
            );
          log(
            `${drain.via}: ${drain.backend}/${ctx.host} ${drained ? 'drained' : 'ready'}` +
              (state.sessions === null ? '' : `, ${String(state.sessions)} open sessions`),
          );
        } else {
          const url = (drained ? drain.drainUrl : drain.undrainUrl).replace(/\{host\}|%7Bhost%7D/g, ctx.host);
          const response = await fetch(url, { method: 'POST', signal: AbortSignal.timeout(30_000) }).catch(
            (error: unknown) => {
              throw new Failed(`${url}: ${error instanceof Error ? error.message : String(error)}`);
            },
          );
          if (!response.ok) throw new Failed(`${url} answered HTTP ${String(response.status)}`);
          log(`POST ${url}: HTTP ${String(response.status)}`);
        }
        done.push(service.id);
      }
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

  /** A member of the same service that is not being patched: the baseline a canary is judged against. */
  function baselineFor(ctx: StepContext, service: Service): Host | null {
    const runs = new Map(deps.hostsOf(ctx.rolloutId).map((record) => [record.host, record.run.phase]));
    const candidates = service.members
      .map((member) => member.host)
      .filter((name) => name !== ctx.host && !ctx.batch.hosts.includes(name))
      // Not in the rollout, or not started: unpatched.
      .filter((name) => !runs.has(name) || runs.get(name) === 'pending' || runs.get(name) === 'skipped');
    for (const name of candidates.sort()) {
      const host = deps.host(name);
      if (host) return host;
    }
    return null;
  }

  async function check(
    ctx: StepContext,
    shell: Shell,
    host: Host,
    service: Service,
    health: HealthCheck,
    log: (line: string) => void,
  ) {
    switch (health.kind) {
      case 'unit': {
        const unit = health.unit;
        const result = await shell.root(
          `for i in $(seq 30); do systemctl is-active -q '${unit}' && exit 0; sleep 1; done; systemctl is-active '${unit}'; exit 1`,
          { allowFail: true },
        );
        if (result.code !== 0) throw new Failed(`${unit} is ${result.out.trim() || 'not active'} on ${host.name}`);
        log(`${unit}: active`);
        return;
      }
      case 'command': {
        const result = await shell.user(health.command);
        if (result.code !== 0)
          throw new Failed(
            `The check "${health.command}" exited ${String(result.code)} on ${host.name}: ${lastLines(result.out, 2)}`,
          );
        return;
      }
      case 'http': {
        const options = { readyMs: timeouts.settleMs, timeoutMs: 5000 };
        const mine = await runHttpCheck(checkUrl(host.address, health), health, options);
        if ('unreachable' in mine) throw new Failed(mine.unreachable);
        log(describeRun(mine));
        const peer = baselineFor(ctx, service);
        let baseline: (HttpRun & { host: string }) | null = null;
        if (peer) {
          const theirs = await runHttpCheck(checkUrl(peer.address, health), health, options);
          if ('unreachable' in theirs) log(`baseline ${peer.name}: ${theirs.unreachable}`);
          else {
            baseline = { ...theirs, host: peer.name };
            log(`baseline ${describeRun(theirs)}`);
          }
        } else log(`${service.name}: no unpatched member to compare with`);
        const verdict = judgeHttp(mine, baseline);
        if (verdict) throw new Failed(verdict);
        return;
      }
    }
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
      let drained: boolean | null = false;
      const notes: string[] = [reached.kind === 'ok' ? 'answers' : reached.reason];
      for (const service of servicesOf(ctx)) {
        const drain = service.drain;
        if (!drain) continue;
        if (drain.kind !== 'haproxy') {
          drained = null;
          notes.push(`${service.name} drains over HTTP, which cannot be read back`);
          continue;
        }
        try {
          const state = await serverState(loadBalancer(drain), drain, name);
          if (state.drained) drained = drained === null ? null : true;
          notes.push(`${drain.backend}/${name} ${state.drained ? 'drained' : 'in traffic'}`);
        } catch (error) {
          drained = null;
          notes.push(error instanceof Error ? error.message : String(error));
        }
      }
      return { reachable: true, drained, packages, detail: notes.join('; ') };
    },
  };
}
