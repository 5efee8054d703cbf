import type { Drain } from '../../../shared/domain/graph';
import type { Host } from '../../../shared/domain/host';
import { AppError } from '../../../shared/result';
import { privilegedShell } from '../../fleet/scan';
import { SshSession } from '../../fleet/ssh/session';
import { targetFor, type TargetSources } from '../../fleet/ssh/target';

export type HaproxyDrain = Extract<Drain, { kind: 'haproxy' }>;

/** HAProxy's server admin-state bits (`show servers state`): forced or inherited drain. */
const DRAIN_BITS = 0x08 | 0x10;
/** Forced, inherited or configuration maintenance. */
const MAINTENANCE_BITS = 0x01 | 0x02 | 0x04;

// The graph schema allows only these; checked again here because the values go into a command.
const BACKEND = /^[A-Za-z0-9_.:-]+$/;
const SERVER = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const SOCKET = /^\/[A-Za-z0-9_./-]+$/;

function checked(drain: HaproxyDrain, server?: string): void {
  if (!BACKEND.test(drain.backend) || !SOCKET.test(drain.socket) || (server !== undefined && !SERVER.test(server)))
    throw new AppError(
      'invalid_input',
      `Not a safe HAProxy backend, server or socket: ${drain.backend}/${server ?? ''}`,
    );
}

/**
 * The runtime API command, run as root on the load balancer (the admin socket is root's and
 * haproxy's): one line piped to socat. `ready` puts the server back into traffic.
 */
export function haproxyStateCommand(drain: HaproxyDrain, server: string, state: 'drain' | 'ready'): string {
  checked(drain, server);
  return `echo 'set server ${drain.backend}/${server} state ${state}' | socat stdio ${drain.socket}`;
}

export function haproxyShowCommand(drain: HaproxyDrain): string {
  checked(drain);
  return `echo 'show servers state ${drain.backend}' | socat stdio ${drain.socket}`;
}

export interface ServerState {
  /** No new connections reach it: drained or in maintenance. */
  drained: boolean;
  maintenance: boolean;
  /** srv_op_state: 0 stopped, 1 starting, 2 running, 3 stopping. */
  operational: number;
}

/**
 * `show servers state <backend>`: a version line, a `# ` header naming the columns, then one row
 * per server. Columns are found by name, so a HAProxy that adds columns is still read right.
 */
export function parseServerStates(text: string): Map<string, ServerState> {
  const lines = text.split('\n').map((line) => line.trim());
  const header = lines.find((line) => line.startsWith('# '));
  if (!header) throw new AppError('parse_failed', `HAProxy printed no server state header: ${text.slice(0, 200)}`);
  const columns = header.slice(2).split(/\s+/);
  const at = (name: string): number => {
    const index = columns.indexOf(name);
    if (index < 0) throw new AppError('parse_failed', `HAProxy's server state has no ${name} column`);
    return index;
  };
  const [name, admin, op] = [at('srv_name'), at('srv_admin_state'), at('srv_op_state')];
  const states = new Map<string, ServerState>();
  for (const line of lines) {
    if (line === '' || line.startsWith('#') || /^\d+$/.test(line)) continue;
    const fields = line.split(/\s+/);
    const adminState = Number(fields[admin]);
    const operational = Number(fields[op]);
    const server = fields[name];
    if (server === undefined || !Number.isInteger(adminState) || !Number.isInteger(operational))
      throw new AppError('parse_failed', `HAProxy printed a server state line it does not normally print: ${line}`);
    states.set(server, {
      drained: (adminState & (DRAIN_BITS | MAINTENANCE_BITS)) !== 0,
      maintenance: (adminState & MAINTENANCE_BITS) !== 0,
      operational,
    });
  }
  return states;
}

export function haproxyStatCommand(drain: HaproxyDrain): string {
  checked(drain);
  return `echo 'show stat' | socat stdio ${drain.socket}`;
}

/** Current sessions of a server from `show stat` (CSV, `# pxname,svname,qcur,qmax,scur,...`). */
export function parseSessions(text: string, backend: string, server: string): number | null {
  const lines = text.split('\n');
  const header = lines.find((line) => line.startsWith('# '));
  if (!header) return null;
  const columns = header.slice(2).split(',');
  const [px, sv, scur] = ['pxname', 'svname', 'scur'].map((name) => columns.indexOf(name));
  if (px === undefined || sv === undefined || scur === undefined || px < 0 || sv < 0 || scur < 0) return null;
  for (const line of lines) {
    const fields = line.split(',');
    if (fields[px] === backend && fields[sv] === server) {
      const sessions = Number(fields[scur]);
      return Number.isInteger(sessions) ? sessions : null;
    }
  }
  return null;
}

export interface LoadBalancer {
  host: Host;
  sources: TargetSources;
  timeoutMs: number;
}

type RuntimeApi = (command: string) => Promise<string>;

/** Runs runtime API lines as root on the load balancer, one SSH session for all of them. */
async function onLoadBalancer<T>(lb: LoadBalancer, work: (run: RuntimeApi) => Promise<T>): Promise<T> {
  const exec = { timeoutMs: lb.timeoutMs };
  const session = await SshSession.open(await targetFor(lb.host, lb.sources));
  try {
    const shell = await privilegedShell(session, lb.host, await lb.sources.secret(`sudo:${lb.host.name}`), exec);
    if (shell.privilege === 'none' || shell.privilege === 'sudo-needs-password')
      throw new AppError(
        'sudo_failed',
        `${lb.host.name}: the admin socket needs root, and ${lb.host.loginUser} cannot sudo`,
      );
    return await work(async (command) => {
      const result = await session.exec(`${shell.runAs}sh -c "${command}"`, { ...exec, stdin: shell.stdinPrefix });
      // The runtime API answers a refused line with a sentence on stdout and still exits 0.
      if (result.code !== 0 || /^(Unknown|No such|Require|Invalid)/m.test(result.stdout))
        throw new AppError(
          'command_failed',
          `${lb.host.name}: HAProxy refused "${command}": ${(result.stdout + result.stderr).trim().slice(0, 300)}`,
        );
      return result.stdout;
    });
  } finally {
    session.close();
  }
}

async function readState(run: RuntimeApi, lb: LoadBalancer, drain: HaproxyDrain, server: string): Promise<ServerState> {
  const now = parseServerStates(await run(haproxyShowCommand(drain))).get(server);
  if (!now)
    throw new AppError('not_found', `${lb.host.name}: HAProxy's ${drain.backend} backend has no server ${server}`);
  return now;
}

/** What HAProxy says of a server now, changing nothing. */
export function serverState(lb: LoadBalancer, drain: HaproxyDrain, server: string): Promise<ServerState> {
  return onLoadBalancer(lb, (run) => readState(run, lb, drain, server));
}

/**
 * Drains a server (or puts it back) through HAProxy's runtime API on the load balancer, then
 * reads the server's state back: the answer is what HAProxy says, not what was asked for. A
 * drain then waits (up to `idleMs`) for the server's open sessions to end, so nothing is cut
 * when it is patched; `sessions` is what was still open when the wait ended.
 */
export function setServerState(
  lb: LoadBalancer,
  drain: HaproxyDrain,
  server: string,
  state: 'drain' | 'ready',
  idleMs = 0,
): Promise<ServerState & { sessions: number | null }> {
  return onLoadBalancer(lb, async (run) => {
    await run(haproxyStateCommand(drain, server, state));
    const now = await readState(run, lb, drain, server);
    let sessions: number | null = null;
    const deadline = Date.now() + idleMs;
    if (state === 'drain')
      for (;;) {
        sessions = parseSessions(await run(haproxyStatCommand(drain)), drain.backend, server);
        if (sessions === null || sessions === 0 || Date.now() >= deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    return { ...now, sessions };
  });
}
