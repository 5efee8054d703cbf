import { execFile, type ExecFileOptions } from 'node:child_process';

export interface RunResult {
  stdout: string;
  stderr: string;
}

export class CommandError extends Error {
  constructor(
    readonly command: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
    readonly stdout = '',
  ) {
    super(
      `${command.join(' ')} failed${exitCode === null ? '' : ` (exit ${String(exitCode)})`}: ${stderr.trim().slice(-2000)}`,
    );
    this.name = 'CommandError';
  }
}

/**
 * Runs a fixed program with an argument array (never through a shell), failing with the command
 * and its stderr. The lab is built from values it validated itself, so no quoting is needed.
 */
export function run(
  command: readonly string[],
  options: ExecFileOptions & { input?: string } = {},
): Promise<RunResult> {
  const [program, ...args] = command;
  if (!program) throw new Error('run: empty command');
  return new Promise((resolve, reject) => {
    const child = execFile(
      program,
      args,
      {
        maxBuffer: 64 * 1024 * 1024,
        timeout: 15 * 60_000,
        encoding: 'utf8',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive', LC_ALL: 'C' },
        ...options,
      },
      (error, stdout, stderr) => {
        const out = String(stdout);
        const err = String(stderr);
        if (error) {
          const code = typeof error.code === 'number' ? error.code : null;
          reject(new CommandError(command, code, err || error.message, out));
        } else {
          resolve({ stdout: out, stderr: err });
        }
      },
    );
    // Always close stdin: a tool that prompts must fail, not wait forever (CI has no terminal).
    // A program that exits before reading it makes the write fail with EPIPE; its exit status
    // is what counts, so that error is dropped here.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input ?? '');
  });
}

/** Like run, but a failure is an answer (false) rather than an error. */
export async function succeeds(command: readonly string[]): Promise<boolean> {
  try {
    await run(command);
    return true;
  } catch {
    return false;
  }
}
