import type { Host } from '../../../shared/domain/host';
import { AppError } from '../../../shared/result';
import { privilegedShell } from '../../fleet/scan';
import { SshSession } from '../../fleet/ssh/session';
import { targetFor, type TargetSources } from '../../fleet/ssh/target';
import type { StepOutcome } from '../host-actions';

/** A host stopped answering: the step ends the host's run as `unreachable`. */
export class Unreachable extends Error {}
/** The host answered no: the step fails. */
export class Failed extends Error {}

export interface Shell {
  /** The host's name, for messages. */
  name: string;
  /** Runs a script as root; the transcript keeps the command and everything it printed. */
  root(
    script: string,
    options?: { timeoutMs?: number; allowFail?: boolean },
  ): Promise<{ code: number; out: string; err: string }>;
  /** As the login user (custom health checks run with no more rights than they need). */
  user(script: string): Promise<{ code: number; out: string; err: string }>;
}

/** The end of what a command said, for a reason: progress (\r) and debconf's chatter left out. */
export const lastLines = (text: string, count = 4): string =>
  text
    .split(/[\r\n]+/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('debconf: '))
    .slice(-count)
    .join(' | ');

export interface StepRunnerDeps {
  host(name: string): Host | undefined;
  sources: TargetSources;
  timeouts: { commandMs: number };
}

/**
 * How every rollout step reaches a host: its own SSH session with a privileged shell (a reboot or
 * a cut link ends sessions; a step should not depend on the one before), every command and its
 * output kept in the step's transcript, and what happened turned into the step's outcome.
 */
export function createStepRunner(deps: StepRunnerDeps) {
  const { timeouts } = deps;

  const mustHost = (name: string): Host => {
    const host = deps.host(name);
    if (!host) throw new Failed(`${name} is no longer in the fleet`);
    return host;
  };

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
        return { code, out: result.stdout, err: result.stderr };
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

  return { mustHost, connect, step };
}
