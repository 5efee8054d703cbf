// Plain OpenSSH clients, reaching hosts the way Patchwise does: its key, its pinned host keys
// only, its choice of shell. The OpenSSH contender, the lab probe and the section timing use them.
import { spawn } from 'node:child_process';

/** Arguments for `ssh`: the host's key and port, and no host key but the pinned one. */
export const sshArgs = (host, knownHostsFile) => [
  '-i', host.keyFile, '-p', String(host.port),
  '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes',
  '-o', `UserKnownHostsFile=${knownHostsFile}`, '-o', 'GlobalKnownHostsFile=/dev/null',
  '-o', 'StrictHostKeyChecking=yes',
  `${host.user}@${host.address}`,
]; // prettier-ignore

/** A child's exit code and everything it printed. */
export function outputOf(child) {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs one command on a host, the script (if any) on its stdin. */
export function ssh(host, knownHostsFile, command, stdin = '') {
  const child = spawn('ssh', [...sshArgs(host, knownHostsFile), command], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.end(stdin);
  return outputOf(child);
}

/**
 * The shell a collector runs in, as Patchwise ends up running it (collectorCommand in
 * src/main/fleet/scan.ts), decided once by the lab probe instead of on the host in each scan.
 */
export const shellFor = (host) => (host.privilege === 'sudo' ? 'sudo -n -- sh -s' : 'sh -s');

/** Runs `work` over `items`, at most `concurrency` at once, as Patchwise's scanHosts does. */
export async function pool(items, concurrency, work) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
