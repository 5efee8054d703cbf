import { describe, expect, it } from 'vitest';
import { lab, onHost } from '../../lab/hosts';

describe.skipIf(lab.skip !== null)(`the site mirror${lab.skip ? ` (skipped: ${lab.skip})` : ''}`, () => {
  it('offers a Debian host the demo upgrades (apt-get -s dist-upgrade)', async () => {
    await onHost('web1', 'apt-get update -qq');
    const simulated = await onHost('web1', 'apt-get -s dist-upgrade');
    const upgrades = simulated
      .split('\n')
      .filter((line) => line.startsWith('Inst '))
      .map((line) => line.split(' ').slice(1, 4).join(' '));
    expect(upgrades.sort()).toEqual([
      'demo-agent [1.0-1] (1.1-1',
      'demo-http [2.0-1] (2.2-1',
      'demo-kernel [1.0-1] (1.1-1',
      'libdemo1 [1.0-1] (1.1-1',
    ]);
  });

  it('lists the demo security advisories on a Rocky-like host (dnf updateinfo list --security)', async () => {
    const advisories = await onHost('web2', 'dnf -q --refresh updateinfo list --security');
    expect(advisories).toMatch(/RLSA-2026:9001\s+Important\/Sec\.\s+libdemo-1\.1-1\.el9\.x86_64/);
    expect(advisories).toMatch(/RLSA-2026:9002\s+Moderate\/Sec\.\s+demo-http-2\.1-1\.el9\.noarch/);
    expect(advisories).toMatch(/RLSA-2026:9003\s+Important\/Sec\.\s+demo-kernel-1\.1-1\.el9\.noarch/);
    expect(advisories).not.toContain('RLBA-2026:9004');
    const updates = await onHost('web2', 'dnf -q check-update; true');
    expect(updates).toMatch(/demo-http\.noarch\s+2\.2-1\.el9\s+lab-mirror/);
  });

  it('reports a reboot and services to restart after the kernel-like and library upgrades', async () => {
    // Debian: the kernel-like package leaves the reboot-required flag, the library a deleted mapping.
    await onHost(
      'search1',
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq demo-kernel libdemo1 >/dev/null',
    );
    expect(await onHost('search1', 'cat /var/run/reboot-required.pkgs')).toContain('demo-kernel');
    expect(await onHost('search1', 'grep -l "libdemo.so.1 (deleted)" /proc/[0-9]*/maps | wc -l')).not.toBe('0\n');
    // Rocky: dnf needs-restarting sees both.
    await onHost('search2', 'dnf -q -y upgrade demo-kernel libdemo >/dev/null');
    expect(await onHost('search2', 'dnf needs-restarting -r; echo "exit $?"')).toMatch(/demo-kernel[\s\S]*exit 1\n$/);
    expect(await onHost('search2', 'dnf needs-restarting -s')).toContain('demo-http');
  });
});
