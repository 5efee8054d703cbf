import type { Host } from '../../shared/domain/host';
import type { ConnectionTest, HostScanState } from '../../shared/domain/scan';
import { AppError, type ErrorData } from '../../shared/result';
import { DEBIAN_SCRIPT, parseDebianInventory } from './collectors/debian';
import type { HostInventory } from './collectors/inventory';
import { parseRhelInventory, RHEL_SCRIPT } from './collectors/rhel';
import {
  parseWindowsInventory,
  WINDOWS_REMOTING_SCRIPT,
  WINDOWS_SCRIPT,
  windowsSshInvocation,
} from './collectors/windows';
import { runWinRm, type WinRmTarget } from './powershell/winrm';
import { runBounded } from './ssh/bounded';
import { SshSession } from './ssh/session';
import { targetFor, type TargetSources } from './ssh/target';

export type HostScan =
  | { hostId: number; name: string; status: 'ok'; inventory: HostInventory }
  | { hostId: number; name: string; status: 'error'; error: ErrorData };

export interface ScanOptions extends TargetSources {
  concurrency: number;
  commandTimeoutMs: number;
  signal?: AbortSignal;
  onProgress?: (host: Host, state: HostScanState, error: ErrorData | null) => void;
}

type Privilege = NonNullable<ConnectionTest['privilege']>;

/**
 * How the collector script runs: as root directly, through passwordless sudo, with the sudo
 * password on stdin (never on a command line), or, failing all, as the login user.
 */
export async function privilegedShell(
  session: SshSession,
  host: Host,
  sudoPassword: string | undefined,
  exec: { timeoutMs: number; signal?: AbortSignal },
): Promise<{ runAs: string; stdinPrefix: string; privilege: Privilege }> {
  if (host.loginUser === 'root') return { runAs: '', stdinPrefix: '', privilege: 'root' };
  const probe = await session.exec('LC_ALL=C sudo -n true', exec);
  if (probe.code === 0) return { runAs: 'sudo -n -- ', stdinPrefix: '', privilege: 'sudo' };
  if (sudoPassword === undefined) {
    // sudo's own words for "allowed, but give me a password": the admin can store one.
    const asks = /password is required/.test(probe.stderr);
    return { runAs: '', stdinPrefix: '', privilege: asks ? 'sudo-needs-password' : 'none' };
  }
  const check = await session.exec("sudo -S -p '' -v", { ...exec, stdin: `${sudoPassword}\n` });
  if (check.code !== 0)
    throw new AppError('sudo_failed', `sudo on ${host.name} refused the stored password for ${host.loginUser}`);
  // -k: sudo always reads the password line, even with a cached login, so that line can never
  // reach the shell as a command (and its error output).
  return { runAs: "sudo -k -S -p '' -- ", stdinPrefix: `${sudoPassword}\n`, privilege: 'sudo-password' };
}

async function detectFamily(session: SshSession, exec: { timeoutMs: number }): Promise<'debian' | 'rhel'> {
  const { stdout } = await session.exec('cat /etc/os-release', exec);
  return /^ID_LIKE=.*(rhel|fedora|centos)/m.test(stdout) || /^ID="?(rhel|rocky|almalinux|centos|fedora)/m.test(stdout)
    ? 'rhel'
    : 'debian';
}

export function errorData(error: unknown, name: string): ErrorData {
  return error instanceof AppError
    ? error.toData()
    : { code: 'internal', message: `${name}: ${(error as Error).message}` };
}

type Exec = { timeoutMs: number; signal?: AbortSignal };

/**
 * How a collector gets its privileges: a fixed prefix (none for root, sudo as privilegedShell
 * chose it), or passwordless sudo if the host allows it and the login user's own rights if not.
 */
export type CollectorShell = { kind: 'prefix'; runAs: string } | { kind: 'sudo-if-allowed' };

/**
 * The command that runs a collector read from stdin, for at most `limitSeconds`. With
 * 'sudo-if-allowed' the host decides within the same command, which saves a command's round
 * trip and login session per host over asking it first.
 */
export function collectorCommand(shell: CollectorShell, limitSeconds: number): string {
  // The host stops the script itself just before we give up on it, so a hung apt or dnf does
  // not linger holding its lock after the scan moved on (sshd does not kill it for us).
  const collector = `timeout -k 2 ${String(Math.max(1, Math.floor(limitSeconds)))} sh -s`;
  switch (shell.kind) {
    case 'prefix':
      return `${shell.runAs}${collector}`;
    case 'sudo-if-allowed':
      // In sh -c, whatever the login shell is. `sudo -n true` reads nothing from stdin, whether
      // sudo allows it or would need a password, so the script is all there for the shell that runs.
      return `sh -c 'if sudo -n true 2>/dev/null; then exec sudo -n -- ${collector}; else exec ${collector}; fi'`;
  }
}

/** Without a sudo password to check, whether sudo works is left to the collector's command. */
async function collectorShell(
  session: SshSession,
  host: Host,
  options: ScanOptions,
  exec: Exec,
): Promise<{ shell: CollectorShell; stdinPrefix: string }> {
  if (host.loginUser === 'root') return { shell: { kind: 'prefix', runAs: '' }, stdinPrefix: '' };
  const sudoPassword = await options.secret(`sudo:${host.name}`);
  if (sudoPassword === undefined) return { shell: { kind: 'sudo-if-allowed' }, stdinPrefix: '' };
  const { runAs, stdinPrefix } = await privilegedShell(session, host, sudoPassword, exec);
  return { shell: { kind: 'prefix', runAs }, stdinPrefix };
}

async function collectLinux(session: SshSession, host: Host, options: ScanOptions, exec: Exec): Promise<HostInventory> {
  const { shell, stdinPrefix } = await collectorShell(session, host, options, exec);
  options.onProgress?.(host, 'collecting', null);
  const family = host.osFamily === 'unknown' ? await detectFamily(session, exec) : host.osFamily;
  const script = family === 'rhel' ? RHEL_SCRIPT : DEBIAN_SCRIPT;
  const limit = Math.max(1, Math.floor(exec.timeoutMs / 1000) - 2);
  const command = collectorCommand(shell, limit);
  const result = await session.exec(command, { ...exec, stdin: `${stdinPrefix}${script}\n` });
  // 124: timeout stopped it; 137: it had to kill it.
  if (result.code === 124 || result.code === 137)
    throw new AppError('timeout', `${host.name}: the collector ran longer than ${String(limit)} s and was stopped`);
  return family === 'rhel' ? parseRhelInventory(result.stdout) : parseDebianInventory(result.stdout);
}

/**
 * Windows over its OpenSSH server: PowerShell reads the collector from stdin (see
 * collectors/windows). Verified on recorded outputs only: no Windows host was available.
 */
async function collectWindows(session: SshSession, exec: Exec): Promise<HostInventory> {
  const { command, stdin } = windowsSshInvocation(WINDOWS_SCRIPT);
  const result = await session.exec(command, { ...exec, stdin });
  return parseWindowsInventory(result.stdout);
}

/** A WinRM host's login: a stored password, or the admin's own Windows login ('agent'). */
export async function winRmTarget(host: Host, secret: TargetSources['secret']): Promise<WinRmTarget> {
  const target = { name: host.name, address: host.address, port: host.port, username: host.loginUser };
  if (host.authMethod !== 'password') return target;
  const password = host.credentialRef ? await secret(host.credentialRef) : undefined;
  if (password === undefined) throw new AppError('auth_failed', `No stored password for ${host.name}`);
  return { ...target, password };
}

/** Windows over WinRM: one Invoke-Command from the local PowerShell, no SSH. */
async function scanWinRm(host: Host, options: ScanOptions, exec: Exec): Promise<HostInventory> {
  options.onProgress?.(host, 'connecting', null);
  const target = await winRmTarget(host, options.secret);
  options.onProgress?.(host, 'collecting', null);
  return parseWindowsInventory(await runWinRm(target, WINDOWS_REMOTING_SCRIPT, exec));
}

/** Over SSH: one connection, two or three round trips. */
async function scanSsh(host: Host, options: ScanOptions, exec: Exec): Promise<HostInventory> {
  options.onProgress?.(host, 'connecting', null);
  const session = await SshSession.open(await targetFor(host, options), exec.signal ? { signal: exec.signal } : {});
  try {
    if (host.osFamily !== 'windows') return await collectLinux(session, host, options, exec);
    options.onProgress?.(host, 'collecting', null);
    return await collectWindows(session, exec);
  } finally {
    session.close();
  }
}

/** Scans one host over its transport; a failure becomes that host's error record. */
export async function scanHost(host: Host, options: ScanOptions): Promise<HostScan> {
  const exec = { timeoutMs: options.commandTimeoutMs, ...(options.signal ? { signal: options.signal } : {}) };
  try {
    const inventory = await (host.transport === 'winrm' ? scanWinRm : scanSsh)(host, options, exec);
    options.onProgress?.(host, 'ok', null);
    return { hostId: host.id, name: host.name, status: 'ok', inventory };
  } catch (error) {
    const data = errorData(error, host.name);
    options.onProgress?.(host, data.code === 'cancelled' ? 'cancelled' : 'failed', data);
    return { hostId: host.id, name: host.name, status: 'error', error: data };
  }
}

/** Scans hosts with at most `concurrency` at once; one host's failure never stops the others. */
export function scanHosts(hosts: readonly Host[], options: ScanOptions): Promise<HostScan[]> {
  return runBounded(hosts, options.concurrency, (host) => scanHost(host, options));
}
