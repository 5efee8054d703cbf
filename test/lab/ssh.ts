import { readFileSync } from 'node:fs';
import { Client } from 'ssh2';
import type { HostStatus } from '../../src/main/lab/daemon';
import { fingerprintOf } from '../../src/main/domain/ssh/host-key';
import { LAB_ADMIN } from '../../src/main/lab/profile';

export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs one command on a lab host over SSH (ssh2, as Patchwise will), checking the host key
 * against the fingerprint given. Non-root logins get `sudo -n` when `root` is asked for.
 */
export function sshExec(
  host: Pick<HostStatus, 'address'>,
  options: { user: string; keyFile: string; fingerprint?: string; command: string; timeoutMs?: number },
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    const timer = setTimeout(() => {
      client.end();
      reject(new Error(`ssh ${host.address}: no answer within ${String(options.timeoutMs ?? 30_000)} ms`));
    }, options.timeoutMs ?? 30_000);
    client
      .on('ready', () => {
        client.exec(options.command, (error, stream) => {
          if (error) {
            clearTimeout(timer);
            client.end();
            reject(error);
            return;
          }
          let stdout = '';
          let stderr = '';
          stream.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
          stream.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
          stream.on('close', (code: number | null) => {
            clearTimeout(timer);
            client.end();
            resolve({ code, stdout, stderr });
          });
        });
      })
      .on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      })
      .connect({
        host: host.address,
        port: 22,
        username: options.user,
        privateKey: readFileSync(options.keyFile),
        readyTimeout: 10_000,
        hostVerifier: (key: Buffer) => options.fingerprint === undefined || fingerprintOf(key) === options.fingerprint,
      });
  });
}

export const adminUser = (login: 'root' | 'sudo-password' | 'sudo-nopasswd'): string =>
  login === 'root' ? 'root' : LAB_ADMIN;
