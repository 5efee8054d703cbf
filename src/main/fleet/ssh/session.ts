import type { Duplex } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { Client, type ConnectConfig, type ServerHostKeyAlgorithm } from 'ssh2';
import { AppError } from '../../../shared/result';
import { fingerprintOf } from '../../domain/ssh/host-key';
import { classifySshError, type SshFailure } from './errors';

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
  /**
   * The pinned key's type. Only that type is negotiated, so a host that also has keys of other
   * types is not refused as "changed" because ssh2 preferred one of those.
   */
  pinnedAlgorithm?: string;
  /** ProxyJump: reach this host through an SSH connection to another one. */
  via?: SshTarget;
}

export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface SessionOptions {
  readyTimeoutMs?: number;
  keepaliveIntervalMs?: number;
  signal?: AbortSignal;
}

export interface ExecOptions {
  timeoutMs: number;
  /** Written then closed: sudo passwords go here, never on a command line. */
  stdin?: string;
  signal?: AbortSignal;
  /** Output as it arrives, for long commands whose progress an admin watches. */
  onStdout?: (chunk: string) => void;
}

/** Signature algorithms a key type can be offered with (RSA keys sign with SHA-2 first). */
function hostKeyAlgorithms(keyType: string): ServerHostKeyAlgorithm[] {
  return keyType === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [keyType as ServerHostKeyAlgorithm];
}

const cancelled = (name: string): AppError => new AppError('cancelled', `${name}: the scan was cancelled`);

function failureMessage(code: SshFailure, target: SshTarget, error: Error): string {
  switch (code) {
    case 'host_key_changed':
      return `${target.name} presented a different host key than the one pinned: refused until an admin re-trusts it`;
    case 'host_key_unknown':
      return `${target.name} has no pinned host key yet: confirm its fingerprint first`;
    case 'auth_failed':
      return `${target.name} refused the login of ${target.username}`;
    case 'unreachable':
      return `${target.name} (${target.address}:${String(target.port)}) cannot be reached`;
    case 'timeout':
      return `${target.name} did not answer in time`;
    case 'connection_lost':
      return `the connection to ${target.name} was lost: ${error.message}`;
  }
}

/**
 * One SSH connection to one host, possibly through a jump host. Host keys are checked against
 * the pinned fingerprint before authentication; every failure is an AppError with a code from
 * fleet/ssh/errors.
 */
export class SshSession {
  private lost: AppError | undefined;
  /** A command was given up on: the link may be dead, so close() must not wait on the server. */
  private abandoned = false;

  private constructor(
    private readonly client: Client,
    readonly target: SshTarget,
    private readonly jump: SshSession | undefined,
  ) {
    // After `ready`, a dropped link surfaces here (keepalive); commands in flight fail with it.
    client.on('error', (error: Error) => {
      this.lost = new AppError('connection_lost', `the connection to ${target.name} was lost: ${error.message}`);
    });
  }

  static async open(target: SshTarget, options: SessionOptions = {}): Promise<SshSession> {
    if (options.signal?.aborted) throw cancelled(target.name);
    const jump = target.via ? await SshSession.open(target.via, options) : undefined;
    try {
      const sock = jump ? await jump.forward(target) : undefined;
      return await SshSession.connect(target, options, sock, jump);
    } catch (error) {
      jump?.close();
      throw error;
    }
  }

  private static connect(
    target: SshTarget,
    options: SessionOptions,
    sock: Duplex | undefined,
    jump: SshSession | undefined,
  ): Promise<SshSession> {
    return new Promise((resolve, reject) => {
      const client = new Client();
      let hostKey: 'ok' | 'changed' | 'unknown' = 'ok';
      const onAbort = (): void => {
        client.end();
        reject(cancelled(target.name));
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
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
        ...(sock ? { sock } : {}),
        ...(target.pinnedAlgorithm ? { algorithms: { serverHostKey: hostKeyAlgorithms(target.pinnedAlgorithm) } } : {}),
        ...(target.privateKey ? { privateKey: target.privateKey } : {}),
        ...(target.passphrase ? { passphrase: target.passphrase } : {}),
        ...(target.password ? { password: target.password } : {}),
        ...(target.agent ? { agent: target.agent } : {}),
      };
      client
        .once('ready', () => {
          options.signal?.removeEventListener('abort', onAbort);
          resolve(new SshSession(client, target, jump));
        })
        .once('error', (error: Error) => {
          options.signal?.removeEventListener('abort', onAbort);
          const code = classifySshError(error, hostKey);
          client.end();
          reject(new AppError(code, failureMessage(code, target, error)));
        });
      try {
        client.connect(config);
      } catch (error) {
        // ssh2 throws here, before any network traffic, for a key it cannot parse or decrypt.
        options.signal?.removeEventListener('abort', onAbort);
        reject(
          new AppError('auth_failed', `${target.name}: its private key cannot be used: ${(error as Error).message}`),
        );
        return;
      }
      // ssh2 leaves Nagle's algorithm on. A handshake or a command is a run of small packets,
      // each waiting for the ACK of the one before, which the host delays by up to 40 ms: on the
      // lab that was 40 of a connection's 73 ms to ready. (A no-op through a jump host.)
      client.setNoDelay(true);
    });
  }

  /**
   * Reads the host key `target` presents without authenticating (through its jump host if it
   * has one): what an admin compares out of band before trusting it.
   */
  static async probeHostKey(target: SshTarget, options: SessionOptions = {}): Promise<{ blob: Buffer }> {
    const jump = target.via ? await SshSession.open(target.via, options) : undefined;
    try {
      const sock = jump ? await jump.forward(target) : undefined;
      return await new Promise((resolve, reject) => {
        const client = new Client();
        let seen: Buffer | undefined;
        client
          .once('error', (error: Error) => {
            client.end();
            if (seen) resolve({ blob: seen });
            else {
              const code = classifySshError(error, 'ok');
              reject(new AppError(code, failureMessage(code, target, error)));
            }
          })
          .connect({
            host: target.address,
            port: target.port,
            username: target.username,
            readyTimeout: options.readyTimeoutMs ?? 10_000,
            ...(sock ? { sock } : {}),
            hostVerifier: (key: Buffer) => {
              seen = Buffer.from(key);
              return false;
            },
          });
      });
    } finally {
      jump?.close();
    }
  }

  /** A TCP stream from this host to `target`, for a connection that jumps through here. */
  private forward(target: SshTarget): Promise<Duplex> {
    return new Promise((resolve, reject) => {
      this.client.forwardOut('127.0.0.1', 0, target.address, target.port, (error, channel) => {
        if (error) {
          reject(
            new AppError(
              'unreachable',
              `${target.name} (${target.address}:${String(target.port)}) cannot be reached through ${this.target.name}: ${error.message}`,
            ),
          );
        } else {
          resolve(channel);
        }
      });
    });
  }

  /** Runs one command. Past `timeoutMs` the channel is closed and the call fails with `timeout`. */
  exec(command: string, options: ExecOptions): Promise<ExecResult> {
    if (options.signal?.aborted) return Promise.reject(cancelled(this.target.name));
    if (this.lost) return Promise.reject(this.lost);
    return new Promise((resolve, reject) => {
      // ssh2 throws "Not connected" here when the link went down between two commands.
      try {
        this.run(command, options, resolve, reject);
      } catch (error) {
        reject(new AppError('connection_lost', `${this.target.name}: ${(error as Error).message}`));
      }
    });
  }

  private run(
    command: string,
    options: ExecOptions,
    resolve: (result: ExecResult) => void,
    reject: (error: AppError) => void,
  ): void {
    this.client.exec(command, (error, stream) => {
      if (error) {
        reject(new AppError('connection_lost', `${this.target.name}: ${error.message}`));
        return;
      }
      let stdout = '';
      let stderr = '';
      let settled = false;
      const finish = (failure: AppError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        stream.close();
        reject(failure);
      };
      const onAbort = (): void => {
        this.abandoned = true;
        finish(cancelled(this.target.name));
      };
      const timer = setTimeout(() => {
        this.abandoned = true;
        finish(
          new AppError(
            'timeout',
            `${this.target.name}: a command took longer than ${String(options.timeoutMs / 1000)} s`,
          ),
        );
      }, options.timeoutMs);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      // Decoders keep a multi-byte character split across two chunks whole.
      const out = new StringDecoder('utf8');
      const err = new StringDecoder('utf8');
      stream.on('data', (chunk: Buffer) => {
        const text = out.write(chunk);
        stdout += text;
        if (text) options.onStdout?.(text);
      });
      stream.stderr.on('data', (chunk: Buffer) => (stderr += err.write(chunk)));
      // ssh2 gives no code when the channel closed without an exit status (the link dropped).
      stream.once('close', (code?: number | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        if (code === null || code === undefined) {
          reject(
            this.lost ??
              new AppError('connection_lost', `${this.target.name}: the connection dropped during a command`),
          );
        } else {
          resolve({ code, stdout: stdout + out.end(), stderr: stderr + err.end() });
        }
      });
      stream.end(options.stdin ?? '');
    });
  }

  close(): void {
    // end() says goodbye and waits for the server to close its side; over a dead link that wait
    // is TCP's retry limit (about 15 min), and the open socket keeps a CLI process alive after
    // it printed its answer. After a timeout or a cancel the connection is dropped instead.
    if (this.abandoned || this.lost) this.client.destroy();
    else this.client.end();
    this.jump?.close();
  }
}
