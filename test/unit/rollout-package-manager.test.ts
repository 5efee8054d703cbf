import { describe, expect, it } from 'vitest';
import type { PackageTarget } from '../../src/main/domain/rollout/model';
import {
  dryRunScript,
  installedScript,
  installScript,
  parseAptDryRun,
  parseInstalled,
  restartScript,
  restoreScript,
  servicesToRestart,
} from '../../src/main/rollout/executors/package-manager';
import { errorOf } from './support';

const APT = 'DEBIAN_FRONTEND=noninteractive LC_ALL=C apt-get -q -y -o Dpkg::Options::=--force-confold';

describe('package manager scripts', () => {
  it('installs upgrades only, each target single-quoted as name=version on Debian', () => {
    const work: PackageTarget[] = [
      { name: 'libdemo1', version: '1.1-1' },
      { name: 'demo-http', version: null },
      { name: 'openssl', version: '3.0.11-1~deb12u2' },
    ];
    expect(installScript('debian', work)).toBe(
      `${APT} install --only-upgrade 'libdemo1=1.1-1' 'demo-http' 'openssl=3.0.11-1~deb12u2'`,
    );
    expect(dryRunScript('debian', work)).toBe(
      "LC_ALL=C apt-get -s -q install --only-upgrade 'libdemo1=1.1-1' 'demo-http' 'openssl=3.0.11-1~deb12u2'",
    );
  });

  it('names targets name-version on the RHEL family, keeping the epoch', () => {
    const work: PackageTarget[] = [
      { name: 'openssl', version: '1:3.0.7-24.el9' },
      { name: 'demo-http', version: null },
    ];
    expect(installScript('rhel', work)).toBe("LC_ALL=C dnf -y upgrade 'openssl-1:3.0.7-24.el9' 'demo-http'");
    expect(dryRunScript('rhel', work)).toBe(
      "LC_ALL=C dnf -y --assumeno upgrade 'openssl-1:3.0.7-24.el9' 'demo-http'; test $? -le 1",
    );
  });

  it('restores recorded versions: apt allows downgrades, dnf downgrades', () => {
    const before = { libdemo1: '1.0-1', openssl: '3.0.9-1' };
    expect(restoreScript('debian', before)).toBe(
      `dpkg --configure -a >/dev/null 2>&1; ${APT} install --allow-downgrades 'libdemo1=1.0-1' 'openssl=3.0.9-1'`,
    );
    expect(restoreScript('rhel', { openssl: '1:3.0.7-18.el9' })).toBe(
      "LC_ALL=C dnf -y downgrade 'openssl-1:3.0.7-18.el9'",
    );
    expect(restoreScript('debian', {})).toBe('true');
  });

  it('asks dpkg-query or rpm for the named packages, quoted, and nothing when none are named', () => {
    expect(installedScript('debian', ['libdemo1', 'demo-http'])).toBe(
      "dpkg-query -W -f='${Package}\\t${Version}\\t${db:Status-Abbrev}\\n' 'libdemo1' 'demo-http' 2>/dev/null; true",
    );
    expect(installedScript('rhel', ['openssl'])).toContain("rpm -q --qf '");
    expect(installedScript('rhel', ['openssl'])).toContain(" 'openssl' | grep -v 'is not installed'; true");
    expect(installedScript('debian', [])).toBe('true');
  });

  it.each([
    ['a name with ;', { name: 'demo;reboot', version: null }],
    ['a name with a space', { name: 'demo http', version: null }],
    ['a name with $(', { name: 'demo$(reboot)', version: null }],
    ['a name with a quote', { name: "demo'", version: null }],
    ['a name starting with -', { name: '-o', version: null }],
    ['an empty name', { name: '', version: null }],
    ['a version with ;', { name: 'demo', version: '1.0;reboot' }],
    ['a version with a space', { name: 'demo', version: '1.0 2.0' }],
    ['a version with $(', { name: 'demo', version: '$(reboot)' }],
    ['a version with a quote', { name: 'demo', version: "1.0'" }],
    ['a version starting with -', { name: 'demo', version: '-1.0' }],
    ['a version with a backtick', { name: 'demo', version: '1.0`id`' }],
  ])('refuses %s as invalid_input, on both families', (_what, target) => {
    for (const family of ['debian', 'rhel'] as const) {
      expect(errorOf(() => installScript(family, [target])).code).toBe('invalid_input');
      expect(errorOf(() => dryRunScript(family, [target])).code).toBe('invalid_input');
    }
  });

  it('refuses unsafe names and versions when restoring or asking what is installed', () => {
    expect(errorOf(() => restoreScript('debian', { 'demo;reboot': '1.0' })).code).toBe('invalid_input');
    expect(errorOf(() => restoreScript('rhel', { demo: '1.0 && reboot' })).code).toBe('invalid_input');
    expect(errorOf(() => installedScript('debian', ["demo'"])).code).toBe('invalid_input');
    expect(errorOf(() => installedScript('rhel', ['--all'])).code).toBe('invalid_input');
  });
});

describe('reading what apt and the package databases say', () => {
  it('reads the upgrades and new installs of apt-get -s and ignores the rest', () => {
    const output = [
      'NOTE: This is only a simulation!',
      'Reading package lists...',
      'The following packages will be upgraded:',
      '  libdemo1',
      'Inst libdemo1 [1.0-1] (1.1-1 lab:./ [amd64])',
      'Inst foo (2.0 lab:./ [all])',
      'Inst libssl3 [3.0.11-1~deb12u1] (3.0.11-1~deb12u2 Debian-Security:12/stable-security [amd64]) []',
      'Conf libdemo1 (1.1-1 lab:./ [amd64])',
      'Conf foo (2.0 lab:./ [all])',
      'Remv bar [0.9]',
      '',
    ].join('\n');
    expect(parseAptDryRun(output)).toEqual([
      { name: 'libdemo1', from: '1.0-1', to: '1.1-1' },
      { name: 'foo', from: null, to: '2.0' },
      { name: 'libssl3', from: '3.0.11-1~deb12u1', to: '3.0.11-1~deb12u2' },
    ]);
    expect(parseAptDryRun('0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n')).toEqual([]);
  });

  it('keeps installed and half-configured dpkg packages, not removed or unknown ones', () => {
    const output = [
      'libdemo1\t1.1-1\tii ',
      'demo-http\t2.4-1\tiF ',
      'held\t1.0\thi ',
      'purged\t\tun ',
      'removed\t1.0-3\trc ',
      'unknown\t1.0\tun ',
      '',
    ].join('\n');
    expect(parseInstalled(output)).toEqual({ libdemo1: '1.1-1', 'demo-http': '2.4-1', held: '1.0' });
  });

  it('reads the lines rpm prints, epochs included', () => {
    expect(parseInstalled('openssl\t1:3.0.7-24.el9\tii\ndemo-http\t2.4-1.el9\tii\n')).toEqual({
      openssl: '1:3.0.7-24.el9',
      'demo-http': '2.4-1.el9',
    });
    expect(parseInstalled('package nope is not installed\n')).toEqual({});
  });
});

describe('restarting the services an upgrade left on old code', () => {
  it('keeps service units and leaves out the ones that would cut the session, and junk', () => {
    const output = [
      'nginx.service',
      '  demo-http.service  ',
      'getty@tty1.service',
      'ssh.service',
      'sshd.service',
      // Per-connection daemons of a socket-activated sshd.
      'sshd@3-10.0.0.1:22-10.0.0.2:54321.service',
      'ssh@0-10.0.0.1:22-10.0.0.2:5.service',
      'systemd-journald.service',
      'systemd-logind.service',
      'dbus.service',
      'dbus-broker.service',
      'user@1000.service',
      'cron.socket',
      'not a unit.service',
      '/system.slice/x.service',
      'evil;reboot.service',
      '',
    ].join('\n');
    expect(servicesToRestart(output)).toEqual(['nginx.service', 'demo-http.service', 'getty@tty1.service']);
  });

  it('restarts quoted units and refuses anything that is not one', () => {
    expect(restartScript(['nginx.service', 'getty@tty1.service'])).toBe(
      "systemctl restart 'nginx.service' 'getty@tty1.service'",
    );
    expect(restartScript([])).toBe('true');
    for (const unit of ['nginx', 'nginx.service; reboot', "x'.service", '$(reboot).service', 'cron.timer']) {
      expect(errorOf(() => restartScript(['nginx.service', unit])).code).toBe('invalid_input');
    }
  });
});
