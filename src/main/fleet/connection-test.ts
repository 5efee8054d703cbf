import type { Host } from '../../shared/domain/host';
import type { ConnectionTest } from '../../shared/domain/scan';
import { AppError } from '../../shared/result';
import { parseHostKey } from '../domain/ssh/host-key';
import type { CallContext } from '../ports';
import type { HostService } from './host-service';
import { windowsSshInvocation } from './collectors/windows';
import { runWinRm } from './powershell/winrm';
import { errorData, privilegedShell, winRmTarget } from './scan';
import { SshSession } from './ssh/session';
import { targetFor, type TargetSources } from './ssh/target';

const TIMEOUT_MS = 15_000;

/** `ssh-ed25519 AAAA…` from the raw key blob (it starts with its own algorithm name). */
function keyLineOf(blob: Buffer): string {
  const length = blob.readUInt32BE(0);
  return `${blob.subarray(4, 4 + length).toString('latin1')} ${blob.toString('base64')}`;
}

async function presentedKey(host: Host, sources: TargetSources) {
  const target = await targetFor(host, sources);
  const { blob } = await SshSession.probeHostKey(target, { readyTimeoutMs: TIMEOUT_MS });
  const key = parseHostKey(keyLineOf(blob));
  if (!key) throw new AppError('parse_failed', `${host.name} presented a host key of a kind Patchwise does not know`);
  return { key, line: keyLineOf(blob), pinned: target.pinnedFingerprint };
}

/** Whether the Windows login is an administrator (the collector's WUA search needs it). */
const WINDOWS_ADMIN_CHECK =
  '([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole(' +
  '[Security.Principal.WindowsBuiltInRole]::Administrator)';

const windowsPrivilege = (output: string): 'administrator' | 'none' =>
  /^\s*True\s*$/i.test(output) ? 'administrator' : 'none';

/**
 * WinRM has no host key to pin: HTTPS (5986) checks the host's certificate and Kerberos
 * authenticates the host, both inside Windows' own remoting client.
 */
async function testWinRm(host: Host, sources: TargetSources): Promise<ConnectionTest> {
  const base = { fingerprint: null, algorithm: null, hostKey: null } as const;
  try {
    const output = await runWinRm(await winRmTarget(host, sources.secret), WINDOWS_ADMIN_CHECK, {
      timeoutMs: TIMEOUT_MS,
    });
    return { ...base, login: 'ok', privilege: windowsPrivilege(output), error: null };
  } catch (error) {
    return { ...base, login: 'failed', privilege: null, error: errorData(error, host.name) };
  }
}

async function privilegeOver(session: SshSession, host: Host, sources: TargetSources) {
  const exec = { timeoutMs: TIMEOUT_MS };
  if (host.osFamily !== 'windows')
    return (await privilegedShell(session, host, await sources.secret(`sudo:${host.name}`), exec)).privilege;
  const { command, stdin } = windowsSshInvocation(WINDOWS_ADMIN_CHECK);
  return windowsPrivilege((await session.exec(command, { ...exec, stdin })).stdout);
}

/**
 * "Test connection": the key the host shows and whether it is the pinned one; only when it is
 * does the test log in (a password or a key signature never goes to an unverified host) and
 * find out whether the login can become root.
 */
export async function testConnection(host: Host, sources: TargetSources): Promise<ConnectionTest> {
  if (host.transport === 'winrm') return testWinRm(host, sources);
  let presented: Awaited<ReturnType<typeof presentedKey>>;
  try {
    presented = await presentedKey(host, sources);
  } catch (error) {
    const data = errorData(error, host.name);
    return { fingerprint: null, algorithm: null, hostKey: null, login: 'not-tried', privilege: null, error: data };
  }
  const { key, pinned } = presented;
  const hostKey = pinned === null ? 'unknown' : pinned === key.fingerprint ? 'match' : 'changed';
  const base = { fingerprint: key.fingerprint, algorithm: key.algorithm, hostKey } as const;
  if (hostKey !== 'match') return { ...base, login: 'not-tried', privilege: null, error: null };
  let session: SshSession | undefined;
  try {
    session = await SshSession.open(await targetFor(host, sources), { readyTimeoutMs: TIMEOUT_MS });
    return { ...base, login: 'ok', privilege: await privilegeOver(session, host, sources), error: null };
  } catch (error) {
    const data = errorData(error, host.name);
    const login = data.code === 'sudo_failed' ? 'ok' : 'failed';
    return { ...base, login, privilege: null, error: data };
  } finally {
    session?.close();
  }
}

/**
 * Pins the key the host presents now, but only if it is the one the admin confirmed: a key
 * that changed between "test" and "trust" is refused, not pinned.
 */
export async function trustHostKey(
  host: Host,
  confirmed: string,
  sources: TargetSources,
  hosts: HostService,
  ctx: CallContext,
): Promise<{ id: number; fingerprint: string }> {
  const { key, line } = await presentedKey(host, sources);
  if (key.fingerprint !== confirmed)
    throw new AppError(
      'conflict',
      `${host.name} now presents ${key.fingerprint}, not the ${confirmed} you confirmed: test the connection again`,
    );
  const pinned = hosts.pinHostKey(host.id, line, ctx);
  return { id: host.id, fingerprint: pinned.fingerprint };
}
