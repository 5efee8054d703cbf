import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectorCommand } from '../../src/main/fleet/scan';

// This machine has no sudo, so a fake one stands in for it: it allows everything when
// FAKE_SUDO=allow and otherwise refuses as sudo -n does when it would need a password, and
// marks what it runs with RAN_BY_SUDO=1.
const bin = mkdtempSync(join(tmpdir(), 'patchwise-fake-sudo-'));
writeFileSync(
  join(bin, 'sudo'),
  [
    '#!/bin/sh',
    'if [ "$FAKE_SUDO" != allow ]; then echo "sudo: a password is required" >&2; exit 1; fi',
    'while [ "$1" = -n ] || [ "$1" = -- ]; do shift; done',
    'RAN_BY_SUDO=1 exec "$@"',
    '',
  ].join('\n'),
);
chmodSync(join(bin, 'sudo'), 0o755);
afterAll(() => {
  rmSync(bin, { recursive: true, force: true });
});

/** Runs the command as sshd would, through a shell, with the script on stdin. */
function run(command: string, script: string, sudo: 'allow' | 'refuse') {
  const env = { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}`, FAKE_SUDO: sudo };
  return spawnSync('sh', ['-c', command], { input: script, env, encoding: 'utf8' });
}

const SCRIPT = 'echo "by sudo: ${RAN_BY_SUDO:-0}"\necho second line\n';

describe('the command that runs a collector', () => {
  it.each([
    [{ kind: 'prefix', runAs: '' } as const, 120, 'timeout -k 2 120 sh -s'],
    [{ kind: 'prefix', runAs: 'sudo -n -- ' } as const, 58, 'sudo -n -- timeout -k 2 58 sh -s'],
    [{ kind: 'prefix', runAs: "sudo -k -S -p '' -- " } as const, 0.5, "sudo -k -S -p '' -- timeout -k 2 1 sh -s"],
  ])('with a fixed prefix %j and %d s is the prefix and the limit', (shell, limit, expected) => {
    expect(collectorCommand(shell, limit)).toBe(expected);
  });

  it('runs the whole script through sudo where passwordless sudo is allowed', () => {
    const result = run(collectorCommand({ kind: 'sudo-if-allowed' }, 30), SCRIPT, 'allow');
    expect(result.stdout).toBe('by sudo: 1\nsecond line\n');
    expect(result.status).toBe(0);
  });

  it('runs the whole script as the login user where sudo would need a password, and says nothing of it', () => {
    const result = run(collectorCommand({ kind: 'sudo-if-allowed' }, 30), SCRIPT, 'refuse');
    expect(result.stdout).toBe('by sudo: 0\nsecond line\n');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.each(['allow', 'refuse'] as const)(
    'passes on the exit status of timeout when the script overruns (sudo: %s)',
    (sudo) => {
      const result = run(collectorCommand({ kind: 'sudo-if-allowed' }, 1), 'sleep 5\n', sudo);
      expect(result.status).toBe(124);
    },
  );
});
