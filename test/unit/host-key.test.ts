import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHostKey } from '../../src/main/domain/ssh/host-key';
import { admin, host, makeApp, tempDir } from './support';

describe('SSH host keys', () => {
  it('computes the same fingerprint as ssh-keygen', () => {
    const dir = tempDir();
    const file = join(dir, 'key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
    const expected = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`], {
      encoding: 'utf8',
    }).split(' ')[1];
    expect(parseHostKey(readFileSync(`${file}.pub`, 'utf8'))?.fingerprint).toBe(expected);
  });

  it.each([
    ['not a key'],
    ['ssh-ed25519 !!!notbase64'],
    ['ssh-dss AAAAB3NzaC1kc3MAAACBAP'],
    // A valid blob under another algorithm's name.
    [
      `ssh-rsa ${Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed25519'), Buffer.alloc(36)]).toString('base64')}`,
    ],
  ])('refuses %s', (line) => {
    expect(parseHostKey(line)).toBeNull();
  });

  it('pins a host key with an audit entry', () => {
    const app = makeApp();
    const saved = app.services.hosts.add(host(), admin);
    const dir = tempDir();
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'k')]);
    const pinned = app.services.hosts.pinHostKey(saved.id, readFileSync(join(dir, 'k.pub'), 'utf8'), admin);
    expect(app.services.hosts.hostKey(saved.id)).toEqual(pinned);
    expect(app.services.audit.list(1)[0]).toMatchObject({
      action: 'host.key.pin',
      details: { fingerprint: pinned.fingerprint },
    });
    expect(() => app.services.hosts.pinHostKey(saved.id, 'garbage', admin)).toThrow(/not an SSH public host key/);
  });
});
