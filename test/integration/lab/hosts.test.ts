import { describe, expect, it } from 'vitest';
import { findProfile, labHosts } from '../../../src/main/lab/profile';
import { lab, labCli, onHost, openLabApp } from '../../lab/hosts';
import { sshExec } from '../../lab/ssh';

const shop = labHosts(findProfile('shop') ?? { name: '', description: '', hosts: [] });

describe.skipIf(lab.skip !== null)(`lab hosts${lab.skip ? ` (skipped: ${lab.skip})` : ''}`, () => {
  it('lists every host with its address, OS, role and state', async () => {
    const { stdout } = await labCli(['status', '--json']);
    const status = JSON.parse(stdout) as {
      hosts: { name: string; address: string; os: string; role: string; phase: string }[];
    };
    expect(status.hosts.map((host) => [host.name, host.address, host.os, host.role])).toEqual(
      shop.map((host) => [host.name, host.address, host.os, host.role]),
    );
    expect(status.hosts.every((host) => host.phase === 'running')).toBe(true);
  });

  it('registered every host in the fleet with the lab key and its pinned host key, which ssh2 then verifies', async () => {
    const app = openLabApp();
    try {
      const fleet = app.services.hosts.list();
      expect(fleet.map((host) => host.name).sort()).toEqual(shop.map((host) => host.name).sort());
      for (const host of fleet) {
        const pinned = app.services.hosts.hostKey(host.id);
        expect(pinned?.fingerprint).toMatch(/^SHA256:/);
        expect(host.credentialRef).toBe(`file:${lab.keyFile}`);
        const result = await sshExec(host, {
          user: host.loginUser,
          keyFile: lab.keyFile,
          fingerprint: pinned?.fingerprint ?? '',
          command: 'hostname; systemctl is-system-running',
        });
        expect(result.stdout.split('\n').slice(0, 2)).toEqual([host.name, 'running']);
      }
    } finally {
      app.close();
    }
  });

  it('refuses a connection when the host key is not the pinned one', async () => {
    const [web1] = shop.filter((host) => host.name === 'web1');
    await expect(
      sshExec(web1 ?? { name: '', address: '' }, {
        user: 'labadmin',
        keyFile: lab.keyFile,
        fingerprint: 'SHA256:not-this-one',
        command: 'true',
      }),
    ).rejects.toThrow();
  });

  it('gives each login variant the access it promises', async () => {
    const sudo = async (name: string, user: string) =>
      sshExec(shop.find((host) => host.name === name) ?? { name: '', address: '' }, {
        user,
        keyFile: lab.keyFile,
        command: 'sudo -n true',
      });
    expect((await sudo('web1', 'labadmin')).code).toBe(0); // passwordless sudo
    expect((await sudo('web3', 'labadmin')).code).not.toBe(0); // sudo needs the password
    const root = await sshExec(shop.find((host) => host.name === 'api1') ?? { name: '', address: '' }, {
      user: 'root',
      keyFile: lab.keyFile,
      command: 'id -u',
    });
    expect(root.stdout.trim()).toBe('0');
    expect(await onHost('web3', 'echo lab-sudo-pass | su labadmin -c \'sudo -S -p "" id -u\'')).toBe('0\n');
  });

  it('makes Rocky-like hosts RHEL-family hosts for real, and Debian hosts Debian', async () => {
    expect(
      await onHost(
        'web2',
        '. /etc/os-release; echo $ID $ID_LIKE; rpm -q rocky-release openssl; command -v dpkg apt-get || echo no-debian-tools',
      ),
    ).toMatch(/^rocky rhel centos fedora\nrocky-release-9\.3[^\n]*\nopenssl-3\.0\.7[^\n]*\nno-debian-tools\n$/);
    expect(await onHost('web1', '. /etc/os-release; echo $ID; dpkg-query -W -f "\\${Version}" demo-http')).toBe(
      'debian\n2.0-1',
    );
  });
});
