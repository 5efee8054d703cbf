import { readFile } from 'node:fs/promises';
import type { Host } from '../../shared/domain/host';
import { AppError, type ErrorData } from '../../shared/result';
import { DEBIAN_SCRIPT, parseDebianInventory } from './collectors/debian';
import type { HostInventory } from './collectors/inventory';
import { parseRhelInventory, RHEL_SCRIPT } from './collectors/rhel';
import { SshSession, type SshTarget } from './ssh/session';

export type HostScan =
  { name: string; status: 'ok'; inventory: HostInventory } | { name: string; status: 'error'; error: ErrorData };

export interface ScanOptions {
  concurrency: number;
  commandTimeoutMs: number;
  /** Pinned host key fingerprint per host id. */
  fingerprints: ReadonlyMap<number, string>;
  /** Secrets by reference (private keys, passwords), read on the main side only. */
  secret: (ref: string) => Promise<string | undefined>;
  onProgress?: (name: string, state: 'connecting' | 'collecting' | 'done' | 'failed') => void;
}

async function targetFor(host: Host, options: ScanOptions): Promise<SshTarget> {
  const base = {
    name: host.name,
    address: host.address,
    port: host.port,
    username: host.loginUser,
    pinnedFingerprint: options.fingerprints.get(host.id) ?? null,
  };
  const ref = host.credentialRef;
  switch (host.authMethod) {
    case 'agent': {
      const agent = process.env['SSH_AUTH_SOCK'];
      if (!agent)
        throw new AppError(
          'auth_failed',
          `${host.name} uses ssh-agent, but no agent is running (SSH_AUTH_SOCK is not set)`,
        );
      return { ...base, agent };
    }
    case 'key': {
      if (!ref) throw new AppError('auth_failed', `${host.name} has no key: set its credential reference`);
      if (ref.startsWith('file:')) return { ...base, privateKey: await readFile(ref.slice('file:'.length)) };
      const key = await options.secret(ref);
      if (!key) throw new AppError('auth_failed', `No stored secret named ${ref} for ${host.name}`);
      return { ...base, privateKey: Buffer.from(key) };
    }
    case 'password': {
      const password = ref ? await options.secret(ref) : undefined;
      if (!password) throw new AppError('auth_failed', `No stored password for ${host.name}`);
      return { ...base, password };
    }
  }
}

/**
 * How the collector script runs: as root directly, through passwordless sudo, with the sudo
 * password on stdin (never on a command line), or, failing all, as the login user.
 */
async function privilegedShell(
  session: SshSession,
  host: Host,
  sudoPassword: string | undefined,
  timeoutMs: number,
): Promise<{ command: string; stdinPrefix: string }> {
  if (host.loginUser === 'root') return { command: 'sh -s', stdinPrefix: '' };
  if ((await session.exec('sudo -n true', { timeoutMs })).code === 0)
    return { command: 'sudo -n -- sh -s', stdinPrefix: '' };
  if (sudoPassword === undefined) return { command: 'sh -s', stdinPrefix: '' };
  const check = await session.exec("sudo -S -p '' -v", { timeoutMs, stdin: `${sudoPassword}\n` });
  if (check.code !== 0)
    throw new AppError('sudo_failed', `sudo on ${host.name} refused the stored password for ${host.loginUser}`);
  return { command: "sudo -S -p '' -- sh -s", stdinPrefix: `${sudoPassword}\n` };
}

/** Scans one host over one SSH connection: two or three round trips. */
export async function scanHost(host: Host, options: ScanOptions): Promise<HostScan> {
  let session: SshSession | undefined;
  try {
    if (host.osFamily === 'windows')
      throw new AppError('invalid_input', `${host.name} is a Windows host; Windows scans are not built yet`);
    options.onProgress?.(host.name, 'connecting');
    session = await SshSession.open(await targetFor(host, options));
    const sudoPassword = await options.secret(`sudo:${host.name}`);
    const shell = await privilegedShell(session, host, sudoPassword, options.commandTimeoutMs);
    options.onProgress?.(host.name, 'collecting');
    const family = host.osFamily === 'unknown' ? await detectFamily(session, options.commandTimeoutMs) : host.osFamily;
    const script = family === 'rhel' ? RHEL_SCRIPT : DEBIAN_SCRIPT;
    const result = await session.exec(shell.command, {
      timeoutMs: options.commandTimeoutMs,
      stdin: `${shell.stdinPrefix}${script}\n`,
    });
    const inventory = family === 'rhel' ? parseRhelInventory(result.stdout) : parseDebianInventory(result.stdout);
    options.onProgress?.(host.name, 'done');
    return { name: host.name, status: 'ok', inventory };
  } catch (error) {
    options.onProgress?.(host.name, 'failed');
    const data: ErrorData =
      error instanceof AppError
        ? error.toData()
        : { code: 'internal', message: `${host.name}: ${(error as Error).message}` };
    return { name: host.name, status: 'error', error: data };
  } finally {
    session?.close();
  }
}

async function detectFamily(session: SshSession, timeoutMs: number): Promise<'debian' | 'rhel'> {
  const { stdout } = await session.exec('cat /etc/os-release', { timeoutMs });
  return /^ID_LIKE=.*(rhel|fedora|centos)/m.test(stdout) || /^ID="?(rhel|rocky|almalinux|centos|fedora)/m.test(stdout)
    ? 'rhel'
    : 'debian';
}

/** Scans hosts with at most `concurrency` at once; one host's failure never stops the others. */
export async function scanHosts(hosts: readonly Host[], options: ScanOptions): Promise<HostScan[]> {
  const results: HostScan[] = new Array<HostScan>(hosts.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < hosts.length) {
      const index = next;
      next += 1;
      const host = hosts[index];
      if (host) results[index] = await scanHost(host, options);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, hosts.length)) }, worker));
  return results;
}
