import { describe, expect, it } from 'vitest';
import { hostInputSchema } from '../../src/shared/domain/host';
import { findProfile, labHosts, profileNames } from '../../src/main/lab/profile';
import { labHostInput } from '../../src/main/lab/register';
import { accessFiles, osFiles, roleFiles } from '../../src/main/lab/roles';
import { summarise } from '../../src/main/lab/load';

const shop = labHosts(findProfile('shop') ?? { name: '', description: '', hosts: [] });
const byName = (name: string) => {
  const host = shop.find((candidate) => candidate.name === name);
  if (!host) throw new Error(`no ${name} in the shop profile`);
  return host;
};

describe('lab profiles', () => {
  it('the shop profile mirrors the e-commerce site, mixing Debian and Rocky-like hosts', () => {
    expect(profileNames()).toContain('shop');
    expect(shop.map((host) => `${host.name}:${host.role}`)).toEqual([
      'lb1:lb',
      'web1:web',
      'web2:web',
      'web3:web',
      'api1:api',
      'api2:api',
      'search1:search',
      'search2:search',
      'db1:db-primary',
      'db2:db-replica',
    ]);
    expect(new Set(shop.map((host) => host.os))).toEqual(new Set(['debian', 'rocky']));
    expect(new Set(shop.map((host) => host.login))).toEqual(new Set(['sudo-password', 'sudo-nopasswd', 'root']));
  });

  it('gives every host a distinct address and a namespace name that fits an interface name', () => {
    expect(new Set(shop.map((host) => host.address)).size).toBe(shop.length);
    for (const host of shop) expect(host.netns.length).toBeLessThanOrEqual(15);
  });

  it('registers hosts with input the fleet accepts', () => {
    for (const host of shop) {
      expect(hostInputSchema.safeParse(labHostInput(host, '/var/tmp/patchwise-lab/keys/lab_ed25519')).success).toBe(
        true,
      );
    }
    expect(labHostInput(byName('web2'), '/k')).toMatchObject({
      osFamily: 'rhel',
      credentialRef: 'file:/k',
      loginUser: 'labadmin',
    });
    expect(labHostInput(byName('api1'), '/k')).toMatchObject({ loginUser: 'root' });
  });
});

describe('lab host files', () => {
  const pathsOf = (files: { path: string }[]) => files.map((file) => file.path);

  it('puts HAProxy with its runtime API on the load balancer, balancing the web and API hosts', () => {
    const [config] = roleFiles(byName('lb1'), shop);
    expect(config?.path).toBe('etc/haproxy/haproxy.cfg');
    expect(config?.content).toContain('stats socket /run/haproxy/admin.sock mode 660 level admin');
    for (const name of ['web1', 'web2', 'web3', 'api1', 'api2'])
      expect(config?.content).toContain(`server ${name} ${byName(name).address}:8080 check`);
    expect(config?.content).not.toContain('server search1');
  });

  it('makes the replica follow the primary', () => {
    const replica = roleFiles(byName('db2'), shop).find((file) => file.path.endsWith('patchwise-lab-pg-init'));
    expect(replica?.content).toContain(`pg_basebackup -h ${byName('db1').address}`);
    expect(roleFiles(byName('web1'), shop)).toEqual([]);
  });

  it('lets root log in only on the root variant, and sudo without a password only where promised', () => {
    const sudoers = (name: string) =>
      accessFiles(byName(name), 'ssh-ed25519 AAAA lab').find((file) => file.path.startsWith('etc/sudoers.d'))?.content;
    expect(sudoers('web1')).toBe('labadmin ALL=(ALL:ALL) NOPASSWD: ALL\n');
    expect(sudoers('web3')).toBe('labadmin ALL=(ALL:ALL) ALL\n');
    expect(sudoers('api1')).toBeUndefined();
    expect(pathsOf(accessFiles(byName('api1'), 'k'))).toContain('root/.ssh/authorized_keys');
  });

  it('makes Rocky-like hosts say so and point dnf at the mirror; Debian hosts point apt at it', () => {
    const rocky = osFiles(byName('web2'));
    expect(rocky.find((file) => file.path === 'etc/os-release')?.content).toContain('ID="rocky"');
    expect(rocky.find((file) => file.path === 'etc/yum.repos.d/patchwise-lab.repo')?.content).toContain(
      'baseurl=http://10.213.0.1:8088/rpm',
    );
    const [sources, ...others] = osFiles(byName('web1'));
    expect(others.map((file) => file.path)).toEqual([
      'etc/systemd/system/patchwise-lab-apt-lists.service',
      'etc/systemd/system/multi-user.target.wants/patchwise-lab-apt-lists.service',
    ]);
    expect(sources?.path).toBe('etc/apt/sources.list');
    expect(sources?.content).toContain('deb [trusted=yes] http://10.213.0.1:8088/apt ./');
  });
});

describe('load summaries', () => {
  it('counts failures (no answer, 4xx, 5xx) and takes percentiles', () => {
    const samples = [200, 200, 500, 0, 404, 200].map((status, i) => ({ at: i, ms: (i + 1) * 10, status }));
    expect(summarise(samples)).toMatchObject({ requests: 6, failed: 3, errorRate: 0.5, p50: 40, p99: 60 });
  });
});

describe('registering lab hosts', () => {
  it('refuses to overwrite a real host that has a lab host’s name, and changes nothing', async () => {
    const { makeApp, admin, host, tempDir } = await import('./support');
    const { registerLabHosts } = await import('../../src/main/lab/register');
    const dataDir = tempDir();
    const app = makeApp(dataDir);
    app.services.hosts.add(host({ name: 'web1', address: '192.0.2.10' }), admin);
    app.close();
    expect(() => registerLabHosts(dataDir, shop, {}, '/k')).toThrow(
      /already has a host named web1 that is not a lab host/,
    );
    const after = makeApp(dataDir);
    expect(after.services.hosts.list().map((saved) => saved.name)).toEqual(['web1']);
  });
});
