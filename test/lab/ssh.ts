import { readFileSync } from 'node:fs';
import { parseHostKey } from '../../src/main/domain/ssh/host-key';
import { SshSession, type ExecResult } from '../../src/main/fleet/ssh/session';
import { labLayout } from '../../src/main/lab/layout';
import { readState } from '../../src/main/lab/state';
import { lab } from './hosts';

/** The host key `lab up` pinned for a host, from the lab's state. */
function labFingerprint(name: string): string | null {
  const line = readState(labLayout(lab.labDir))?.hostKeys[name];
  return line ? (parseHostKey(line)?.fingerprint ?? null) : null;
}

/**
 * Runs one command on a lab host with Patchwise's own SSH session, checking the host key against
 * the fingerprint given (by default the one `lab up` pinned).
 */
export async function sshExec(
  host: { name: string; address: string },
  options: { user: string; keyFile: string; fingerprint?: string; command: string; timeoutMs?: number },
): Promise<ExecResult> {
  const session = await SshSession.open({
    name: host.name,
    address: host.address,
    port: 22,
    username: options.user,
    privateKey: readFileSync(options.keyFile),
    pinnedFingerprint: options.fingerprint ?? labFingerprint(host.name),
  });
  try {
    return await session.exec(options.command, { timeoutMs: options.timeoutMs ?? 30_000 });
  } finally {
    session.close();
  }
}
