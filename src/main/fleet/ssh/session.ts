import { Client, type ConnectConfig } from 'ssh2';
import { AppError } from '../../../shared/result';
import { fingerprintOf } from '../../domain/ssh/host-key';
import { classifySshError } from './errors';

export interface SshTarget {
  name: string;
  address: string;
  port: number;
  username: string;
  privateKey?: Buffer;
  passphrase?: string;
  password?: string;
  /** ssh-agent socket, for hosts whose authentication method is `agent`. */
  agent?: string;
  /** The pinned host key's fingerprint; a different key is refused. Null: refuse every key. */
  pinnedFingerprint: string | null;
}

export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface SessionOptions {
  readyTimeoutMs?: number;
  keepaliveIntervalMs?: number;
}

/**
 * One SSH connection to one host. Host keys are checked against the pinned fingerprint before
 * authentication; every failure is an AppError with a code from fleet/ssh/errors.
 */
export class SshSession {
  private constructor(
    private readonly client: Client,
    readonly target: SshTarget,
  ) {}

  static open(target: SshTarget, options: SessionOptions = {}): Promise<SshSession> {
    return new Promise((resolve, reject) => {
      const client = new Client();
      let hostKey: 'ok' | 'changed' | 'unknown' = 'ok';
      const config: ConnectConfig = {
        host: target.address,
        port: target.port,
        username: target.username,
        readyTimeout: options.readyTimeoutMs ?? 10_000,
        keepaliveInterval: options.keepaliveIntervalMs ?? 5_000,
        keepaliveCountMax: 3,
        hostVerifier: (key: Buffer) => {
          if (target.pinnedFingerprint === null) hostKey = 'unknown';
          else if (fingerprintOf(key) !== target.pinnedFingerprint) hostKey = 'changed';
          return hostKey === 'ok';
        },
        ...(target.privateKey ? { privateKey: target.privateKey } : {}),
        ...(target.passphrase ? { passphrase: target.passphrase } : {}),
        ...(target.password ? { password: target.password } : {}),
        ...(target.agent ? { agent: target.agent } : {}),
      };
      client
        .once('ready', () => {
          resolve(new SshSession(client, target));
        })
        .once('error', (error: Error) => {
          const code = classifySshError(error, hostKey);
          const messages: Record<typeof code, string> = {
            host_key_changed: `${target.name} presented a different host key than the one pinned: refused until an admin re-trusts it`,
            host_key_unknown: `${target.name} has no pinned host key yet: confirm its fingerprint first`,
            auth_failed: `${target.name} refused the login of ${target.username}`,
            unreachable: `${target.name} (${target.address}:${String(target.port)}) cannot be reached`,
            timeout: `${target.name} did not answer in time`,
            connection_lost: `the connection to ${target.name} was lost: ${error.message}`,
          };
          client.end();
          reject(new AppError(code, messages[code]));
        })
        .connect(config);
    });
  }

  /**
   * Runs one command. `stdin` is written then closed (sudo passwords go here, never on a command
   * line). Past `timeoutMs` the channel is closed and the call fails with `timeout`.
   */
  exec(command: string, options: { timeoutMs: number; stdin?: string }): Promise<ExecResult> {
    return new Promise((resolve, reject) => {
      this.client.exec(command, (error, stream) => {
        if (error) {
          reject(new AppError('connection_lost', `${this.target.name}: ${error.message}`));
          return;
        }
        let stdout = '';
        let stderr = '';
        let settled = false;
        const timer = setTimeout(() => {
          settled = true;
          stream.close();
          reject(
            new AppError(
              'timeout',
              `${this.target.name}: a command took longer than ${String(options.timeoutMs / 1000)} s`,
            ),
          );
        }, options.timeoutMs);
        stream.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
        stream.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
        // ssh2 gives no code when the channel closed without an exit status (the link dropped).
        stream.once('close', (code?: number | null) => {
          clearTimeout(timer);
          if (settled) return;
          if (code === null || code === undefined) {
            reject(new AppError('connection_lost', `${this.target.name}: the connection dropped during a command`));
          } else {
            resolve({ code, stdout, stderr });
          }
        });
        stream.end(options.stdin ?? '');
      });
    });
  }

  close(): void {
    this.client.end();
  }
}
