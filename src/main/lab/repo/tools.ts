import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * The programs the lab repository build runs, and the Debian packages they need. gcc links
 * libdemo against libc, whose crt files are in libc6-dev (only a Recommends of gcc).
 */
export const LAB_REPO_TOOLS = {
  gcc: 'gcc, libc6-dev',
  'dpkg-deb': 'dpkg',
  'apt-ftparchive': 'apt-utils',
  rpmbuild: 'rpm',
  createrepo_c: 'createrepo-c',
  modifyrepo_c: 'createrepo-c',
} as const;

export type LabRepoTool = keyof typeof LAB_REPO_TOOLS;

export type LabRepoErrorCode = 'tool_missing' | 'tool_failed' | 'invalid_definition' | 'unsupported_machine' | 'busy';

/** Lab build failures carry a code from a closed set; callers never match on the message. */
export class LabRepoError extends Error {
  readonly code: LabRepoErrorCode;

  constructor(code: LabRepoErrorCode, message: string) {
    super(message);
    this.name = 'LabRepoError';
    this.code = code;
  }
}

/** Whether `program` is an executable file on PATH. Synchronous so tests can decide to skip at collect time. */
export function onPath(program: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return (env['PATH'] ?? '').split(delimiter).some((dir) => {
    if (dir === '') return false;
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The tools this machine lacks, as `tool (Debian package)` strings; empty when the build can run. */
export function missingLabRepoTools(env: NodeJS.ProcessEnv = process.env): string[] {
  return Object.entries(LAB_REPO_TOOLS)
    .filter(([tool]) => !onPath(tool, env))
    .map(([tool, debianPackage]) => `${tool} (${debianPackage})`);
}

export interface MachineArch {
  deb: string;
  rpm: string;
}

/** dpkg and rpm name the same architecture differently; the lab builds for the machine it runs on. */
export function machineArch(nodeArch: string = process.arch): MachineArch {
  switch (nodeArch) {
    case 'x64':
      return { deb: 'amd64', rpm: 'x86_64' };
    case 'arm64':
      return { deb: 'arm64', rpm: 'aarch64' };
    default:
      throw new LabRepoError(
        'unsupported_machine',
        `The lab builds packages on x64 and arm64 only, not on ${nodeArch}.`,
      );
  }
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs one of the lab tools with an argument array (never a shell) and returns its stdout. A
 * failure becomes a LabRepoError that quotes the tool's stderr, which is what explains it.
 */
export function run(tool: LabRepoTool, args: readonly string[], options: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      tool,
      args,
      {
        cwd: options.cwd,
        env: { ...process.env, LC_ALL: 'C.UTF-8', ...options.env },
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve(stdout);
          return;
        }
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        reject(
          new LabRepoError(
            missing ? 'tool_missing' : 'tool_failed',
            missing
              ? `${tool} is not installed (Debian packages: ${LAB_REPO_TOOLS[tool]}).`
              : `${tool} ${args.join(' ')} failed: ${stderr.trim() || error.message}`,
          ),
        );
      },
    );
  });
}
