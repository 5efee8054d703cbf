import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDebianInventory } from '../../src/main/fleet/collectors/debian';
import { parseRhelInventory } from '../../src/main/fleet/collectors/rhel';
import { kernelAndLibcReasons, parseConnections } from '../../src/main/fleet/collectors/linux-facts';
import { splitSections } from '../../src/main/fleet/collectors/sections';

// Recorded from lab hosts (api2: Debian 12, api1: Rocky-like) after upgrading demo-kernel and
// libdemo, with the collectors' own scripts run as root.
const debian = readFileSync('test/fixtures/collectors/debian-api2.txt', 'utf8');
const rocky = readFileSync('test/fixtures/collectors/rocky-api1.txt', 'utf8');

describe('the Debian collector parser', () => {
  const inventory = parseDebianInventory(debian);

  it('reads the OS, the installed packages with their source packages, and the upgrades on offer', () => {
    expect(inventory.os).toEqual({
      id: 'debian',
      name: 'Debian GNU/Linux 12 (bookworm)',
      version: '12',
      family: 'debian',
    });
    expect(inventory.packages.length).toBeGreaterThan(200);
    expect(inventory.packages.find((pkg) => pkg.name === 'libdemo1')).toEqual({
      name: 'libdemo1',
      version: '1.1-1',
      arch: 'amd64',
      source: 'libdemo',
    });
    expect(
      inventory.upgrades.map((upgrade) => `${upgrade.name} ${upgrade.from ?? ''} -> ${upgrade.to}`).sort(),
    ).toEqual(['demo-agent 1.0-1 -> 1.1-1', 'demo-http 2.0-1 -> 2.2-1']);
  });

  it('says a reboot is needed and why, and which services still run the replaced library', () => {
    expect(inventory.rebootRequired).toBe(true);
    expect(inventory.rebootReasons).toEqual(['demo-kernel was upgraded (reboot-required)']);
    expect(inventory.servicesToRestart).toEqual(['demo-http.service']);
  });

  it('does not claim to know services to restart when it ran without root', () => {
    expect(
      parseDebianInventory(debian.replace(/@@privilege\n0\n/, '@@privilege\n1000\n')).servicesToRestart,
    ).toBeNull();
  });

  it.each([
    ['updated', []],
    ['fresh', []],
    ['failed 100', [expect.stringMatching(/^apt-get update failed \(exit 100\): the site mirror may be unreachable/)]],
    ['not-root', [expect.stringMatching(/^Package lists were not refreshed \(the login is not root/)]],
  ])('warns when the package lists could not be refreshed (%s)', (state, warnings) => {
    const output = debian.replace('@@aptupdate\nupdated\n', `@@aptupdate\n${state}\n`);
    expect(parseDebianInventory(output).warnings).toEqual(warnings);
  });

  it.each([
    ['cut short', debian.slice(0, debian.indexOf('@@upgrades'))],
    ['without the refresh report', debian.replace('@@aptupdate\nupdated\n', '')],
    ['not collector output', 'bash: dpkg-query: command not found\n'],
    ['no packages', debian.replace(/@@packages\n[\s\S]*?@@upgrades/, '@@packages\n@@upgrades')],
  ])('refuses output that is %s with parse_failed', (_what, output) => {
    expect(() => parseDebianInventory(output)).toThrow(expect.objectContaining({ code: 'parse_failed' }));
  });
});

describe('the RHEL collector parser', () => {
  const inventory = parseRhelInventory(rocky);

  it('reads rpm packages with epochs and source rpms', () => {
    expect(inventory.os).toMatchObject({ id: 'rocky', version: '9.3', family: 'rhel' });
    expect(inventory.packages.find((pkg) => pkg.name === 'openssl')?.version).toBe('1:3.0.7-24.el9');
    expect(inventory.packages.find((pkg) => pkg.name === 'libdemo')).toMatchObject({
      version: '1.1-1.el9',
      arch: 'x86_64',
      source: 'libdemo',
    });
  });

  it('links upgrades to their security advisories and the advisories to their CVEs', () => {
    expect(inventory.upgrades.map((upgrade) => [upgrade.name, upgrade.from, upgrade.to])).toEqual([
      ['demo-agent', '1.0-1.el9', '1.1-1.el9'],
      ['demo-http', '2.0-1.el9', '2.2-1.el9'],
    ]);
    expect(inventory.securityUpdates).toEqual([
      { advisory: 'RLSA-2026:9002', severity: 'Moderate', package: 'demo-http', cves: ['CVE-2026-90002'] },
    ]);
    expect(inventory.upgrades.find((upgrade) => upgrade.name === 'demo-http')?.advisories).toEqual(['RLSA-2026:9002']);
  });

  it('reads needs-restarting: the reboot and the services', () => {
    expect(inventory.rebootRequired).toBe(true);
    expect(inventory.rebootReasons).toEqual(['demo-kernel was updated since boot (needs-restarting)']);
    expect(inventory.servicesToRestart).toEqual(['demo-http.service']);
  });

  it.each([
    ['dnf failed', rocky.replace(/@@dnf\nexit=0/, '@@dnf\nexit=1'), 'collector_failed'],
    ['dnf never ran', rocky.replace(/@@dnf\nexit=0\n/, ''), 'collector_failed'],
    [
      'dnf printed an error as if it were an upgrade',
      rocky.replace(/@@upgrades\n/, '@@upgrades\nError: Failed to download metadata for repo\n'),
      'parse_failed',
    ],
    ['an advisory line is garbled', rocky.replace(/@@security\n/, '@@security\nRLSA-1\n'), 'parse_failed'],
  ])('fails the host when %s, instead of reporting no updates', (_what, output, code) => {
    expect(() => parseRhelInventory(output)).toThrow(expect.objectContaining({ code }));
  });

  it('needs no reboot when nothing on the reboot list was updated since boot', () => {
    const booted = rocky.replace(/@@reboot\n[\s\S]*?@@dnf/, '@@reboot\n@@dnf');
    expect(parseRhelInventory(booted)).toMatchObject({ rebootRequired: false, rebootReasons: [] });
  });

  it('refuses output without the end marker', () => {
    expect(() => parseRhelInventory(rocky.replace('@@end', ''))).toThrow(
      expect.objectContaining({ code: 'parse_failed' }),
    );
  });
});

describe('sections', () => {
  it('splits marked output and keeps empty sections', () => {
    expect([...splitSections('@@a\n1\n2\n@@b\n@@c\nx').entries()]).toEqual([
      ['a', '1\n2'],
      ['b', ''],
      ['c', 'x'],
    ]);
  });
});

describe('Linux host facts', () => {
  const inventory = parseDebianInventory(debian);

  it('reads listening and established TCP connections with their processes', () => {
    expect(inventory.connections).toContainEqual({
      state: 'listen',
      local: '0.0.0.0',
      localPort: 8080,
      remote: null,
      remotePort: null,
      process: 'demo-http',
    });
    expect(inventory.connections).toContainEqual(
      expect.objectContaining({ state: 'established', localPort: 22, remote: '10.213.0.1', process: 'sshd' }),
    );
    expect(inventory.connections).toContainEqual(
      expect.objectContaining({ state: 'listen', local: '::', localPort: 22 }),
    );
  });

  it('reads disks and memory in bytes', () => {
    expect(inventory.disks[0]).toMatchObject({ mount: '/', sizeBytes: 270553174016 });
    expect(inventory.memory?.totalBytes).toBe(24683620 * 1024);
  });

  it.each([
    ['6.1.0-18-amd64', '6.1.0-18-amd64', '', []],
    ['6.1.0-17-amd64', '6.1.0-18-amd64', '', ['kernel 6.1.0-18-amd64 is installed but 6.1.0-17-amd64 is running']],
    ['6.1.0-18-amd64', null, 'deleted\n', ['the init process still uses a C library that was replaced']],
  ])('running kernel %s, newest installed %s, libc %j: reasons %j', (running, installed, libc, reasons) => {
    expect(kernelAndLibcReasons(running, installed, libc)).toEqual(reasons);
  });

  it('adds the kernel reason to the package manager reasons', () => {
    const stale = debian.replace(/@@kernels\n/, '@@kernels\n99.0-amd64\n');
    expect(parseDebianInventory(stale).rebootReasons).toContain(
      `kernel 99.0-amd64 is installed but ${inventory.kernel} is running`,
    );
  });

  it('parses IPv6 and scoped endpoints, and returns null connections when an unprivileged login saw none', () => {
    expect(
      parseConnections('ESTAB 0 0 [fe80::1%eth0]:22 [fe80::2%eth0]:50000 users:(("sshd",pid=1,fd=4))', true),
    ).toEqual([
      { state: 'established', local: 'fe80::1', localPort: 22, remote: 'fe80::2', remotePort: 50000, process: 'sshd' },
    ]);
    expect(parseConnections('', false)).toBeNull();
  });
});
