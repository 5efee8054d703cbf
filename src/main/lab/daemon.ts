import type { ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { bootHost, insideHost, pid1Of } from './boot';
import type { LabLayout } from './layout';
import { serveMirror } from './mirror-server';
import { LAB_GATEWAY, MIRROR_PORT, type LabHost } from './profile';
import { CommandError, run } from './run';
import { sshAnswers } from './ssh-probe';
import { readState } from './state';

export type HostPhase = 'booting' | 'running' | 'rebooting' | 'down';

export interface HostStatus {
  name: string;
  address: string;
  os: LabHost['os'];
  role: LabHost['role'];
  phase: HostPhase;
  /** Outer PID of the host's systemd, while it runs. */
  pid1: number | null;
  boots: number;
  /** When the host last became reachable over SSH. */
  upSince: string | null;
  noReturn: boolean;
}

export interface DaemonStatus {
  pid: number;
  profile: string;
  hosts: HostStatus[];
}

const REBOOT_DELAY_MS = 2000;

interface Runtime {
  host: LabHost;
  status: HostStatus;
  process: ChildProcess | undefined;
  /** A readiness check is under way (they can take seconds). */
  checking: boolean;
}

/**
 * A host is up when systemd has finished booting (every unit started or failed, so PostgreSQL
 * replication and HAProxy are there too) and its sshd answers.
 */
async function bootFinished(pid1: number, address: string): Promise<boolean> {
  // Until boot-host.sh has exec'd systemd, nsenter would reach the machine's own systemctl.
  try {
    if (readFileSync(`/proc/${String(pid1)}/comm`, 'utf8').trim() !== 'systemd') return false;
  } catch {
    return false;
  }
  let state: string;
  try {
    state = (await run(insideHost(pid1, ['systemctl', 'is-system-running', '--wait']), { timeout: 300_000 })).stdout;
  } catch (error) {
    // "degraded" exits non-zero but means booting is over.
    state = error instanceof CommandError ? error.stdout : '';
  }
  return ['running', 'degraded'].includes(state.trim()) && sshAnswers(address);
}

/**
 * The lab's supervisor, started detached by `lab up`: boots every host, boots a host again
 * after its PID 1 exits (a reboot) unless it was told not to, serves the package mirror, and
 * answers lab commands over a unix socket.
 */
export async function runDaemon(layout: LabLayout): Promise<void> {
  const state = readState(layout);
  if (!state) throw new Error(`No lab state in ${layout.stateFile}; run lab up`);
  let stopping = false;
  const runtimes = new Map<string, Runtime>();

  const boot = (runtime: Runtime): void => {
    runtime.status.phase = 'booting';
    runtime.status.boots += 1;
    runtime.status.upSince = null;
    const child = bootHost(layout, runtime.host, state.baseDir, state.bootScript);
    runtime.process = child;
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${runtime.host.name}] ${chunk.toString()}`));
    child.once('exit', () => {
      runtime.process = undefined;
      runtime.status.pid1 = null;
      runtime.status.upSince = null;
      if (stopping) return;
      if (runtime.status.noReturn) {
        runtime.status.phase = 'down';
        return;
      }
      runtime.status.phase = 'rebooting';
      setTimeout(() => {
        if (!stopping && runtime.status.phase === 'rebooting') boot(runtime);
      }, REBOOT_DELAY_MS);
    });
  };

  for (const host of state.hosts) {
    const runtime: Runtime = {
      host,
      process: undefined,
      checking: false,
      status: {
        name: host.name,
        address: host.address,
        os: host.os,
        role: host.role,
        phase: 'booting',
        pid1: null,
        boots: 0,
        upSince: null,
        noReturn: false,
      },
    };
    runtimes.set(host.name, runtime);
  }

  const watch = setInterval(() => {
    for (const runtime of runtimes.values()) {
      const { status, process: child } = runtime;
      if (child?.pid && status.pid1 === null) status.pid1 = pid1Of(child.pid) ?? null;
      if (status.phase === 'booting' && status.pid1 !== null && !runtime.checking) {
        runtime.checking = true;
        void bootFinished(status.pid1, status.address).then((finished) => {
          runtime.checking = false;
          if (finished && status.phase === 'booting') {
            status.phase = 'running';
            status.upSince = new Date().toISOString();
          }
        });
      }
    }
  }, 500);

  const mirror = await serveMirror(layout.mirrorDir, LAB_GATEWAY, MIRROR_PORT);
  const statusNow = (): DaemonStatus => ({
    pid: process.pid,
    profile: state.profile,
    hosts: [...runtimes.values()].map((r) => r.status),
  });

  const stopAll = async (): Promise<void> => {
    stopping = true;
    clearInterval(watch);
    const exits = [...runtimes.values()].map(
      (runtime) =>
        new Promise<void>((resolve) => {
          const { process: child } = runtime;
          if (!child || child.exitCode !== null) {
            resolve();
            return;
          }
          child.once('exit', () => {
            resolve();
          });
          // Killing PID 1 ends every process of the host's PID namespace with it.
          const pid1 = runtime.status.pid1 ?? (child.pid ? pid1Of(child.pid) : undefined);
          try {
            if (pid1) process.kill(pid1, 'SIGKILL');
            else child.kill('SIGKILL');
          } catch {
            // Already gone (a reboot in progress): its exit event resolves this promise.
          }
        }),
    );
    await Promise.all(exits);
    mirror.close();
  };

  rmSync(layout.controlSocket, { force: true });
  const control: Server = createServer((request, response) => {
    const reply = (code: number, body: unknown): void => {
      response.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const url = request.url ?? '/';
    const hostAction = /^\/hosts\/([a-z0-9-]+)\/(no-return|return|boot)$/.exec(url);
    if (request.method === 'GET' && url === '/status') {
      reply(200, statusNow());
      return;
    }
    if (request.method === 'POST' && url === '/stop') {
      void stopAll().then(() => {
        reply(200, { stopped: true });
        control.close();
        rmSync(layout.controlSocket, { force: true });
        setTimeout(() => process.exit(0), 50);
      });
      return;
    }
    if (request.method === 'POST' && hostAction) {
      const runtime = runtimes.get(hostAction[1] ?? '');
      if (!runtime) {
        reply(404, { error: `no lab host ${hostAction[1] ?? ''}` });
        return;
      }
      if (hostAction[2] === 'no-return') runtime.status.noReturn = true;
      if (hostAction[2] === 'return') runtime.status.noReturn = false;
      if (hostAction[2] === 'boot' && runtime.status.phase === 'down') {
        runtime.status.noReturn = false;
        boot(runtime);
      }
      reply(200, runtime.status);
      return;
    }
    reply(404, { error: 'unknown request' });
  });
  await new Promise<void>((resolve) => control.listen(layout.controlSocket, resolve));
  // Hosts boot only once the mirror and the control socket are there, so a daemon that cannot
  // bind them never leaves hosts running without a supervisor.
  for (const runtime of runtimes.values()) boot(runtime);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void stopAll().then(() => process.exit(0));
    });
  }
}
