import { describe, expect, it } from 'vitest';
import { run } from '../../../src/main/lab/run';
import { lab, labCli, onHost, waitFor } from '../../lab/hosts';

interface ScannedHost {
  name: string;
  status: 'ok' | 'error';
  error?: { code: string; message: string };
  os?: { family: string };
  packages?: { name: string }[];
  upgrades?: { name: string; to: string; advisories: string[] }[];
  securityUpdates?: { advisory: string; cves: string[] }[];
  rebootRequired?: boolean;
  servicesToRestart?: string[] | null;
}

async function scan(...args: string[]): Promise<ScannedHost[]> {
  const { stdout } = await run([
    process.execPath,
    'bin/patchwise.mjs',
    '--data-dir',
    lab.dataDir,
    'scan',
    '--json',
    ...args,
  ]);
  return (JSON.parse(stdout) as { hosts: ScannedHost[] }).hosts;
}

const byName = (hosts: ScannedHost[], name: string): ScannedHost => {
  const host = hosts.find((candidate) => candidate.name === name);
  if (!host) throw new Error(`${name} missing from the scan`);
  return host;
};

describe.skipIf(lab.skip !== null)(`patchwise scan${lab.skip ? ` (skipped: ${lab.skip})` : ''}`, () => {
  it('scans every lab host and finds the demo upgrades and the Rocky advisories', async () => {
    const hosts = await scan();
    expect(hosts.filter((host) => host.status !== 'ok')).toEqual([]);
    expect(hosts).toHaveLength(10);
    const web1 = byName(hosts, 'web1');
    expect(web1.os?.family).toBe('debian');
    expect(web1.upgrades?.map((upgrade) => upgrade.name)).toEqual(
      expect.arrayContaining(['libdemo1', 'demo-http', 'demo-kernel', 'demo-agent']),
    );
    const web2 = byName(hosts, 'web2');
    expect(web2.os?.family).toBe('rhel');
    expect(web2.packages?.map((pkg) => pkg.name)).toEqual(
      expect.arrayContaining(['rocky-release', 'openssl', 'libdemo']),
    );
    expect(web2.securityUpdates?.map((update) => update.advisory).sort()).toEqual([
      'RLSA-2026:9001',
      'RLSA-2026:9002',
      'RLSA-2026:9003',
    ]);
    expect(web2.securityUpdates?.find((update) => update.advisory === 'RLSA-2026:9001')?.cves).toEqual([
      'CVE-2026-90001',
    ]);
    expect(web2.upgrades?.find((upgrade) => upgrade.name === 'libdemo')?.advisories).toEqual(['RLSA-2026:9001']);
    // web3 needs a sudo password the fleet does not hold: it is scanned, and says what it could not see.
    expect(byName(hosts, 'web3').servicesToRestart).toBeNull();
  });

  it('sees the reboot needed after the kernel-like package and the services to restart after the library', async () => {
    await onHost('api2', 'apt-get update -qq && apt-get install -y -qq demo-kernel libdemo1 >/dev/null');
    await onHost('api1', 'dnf -q -y upgrade demo-kernel libdemo >/dev/null');
    const hosts = await scan('--hosts', 'api1,api2');
    for (const name of ['api1', 'api2']) {
      const host = byName(hosts, name);
      expect(host.status).toBe('ok');
      expect(host.rebootRequired).toBe(true);
      expect(host.servicesToRestart).toEqual(['demo-http.service']);
    }
  });

  it('fails one host with a clear code and finishes the others: unreachable, hanging, changed key', async () => {
    await labCli(['fault', 'search2', 'link-down']);
    await labCli(['fault', 'search1', 'hang']);
    try {
      const hosts = await scan('--hosts', 'search1,search2,db1', '--timeout', '5');
      expect(byName(hosts, 'search2').error?.code).toMatch(/^(unreachable|timeout)$/);
      expect(byName(hosts, 'search1').error?.code).toBe('timeout');
      expect(byName(hosts, 'db1').status).toBe('ok');
    } finally {
      await labCli(['fault', 'search2', 'link-up']);
      await labCli(['fault', 'search1', 'restore']);
    }
    // A host whose key changed (its sshd now presents a new one) is refused until re-trusted.
    const key = '/etc/ssh/ssh_host_ed25519_key';
    const sshdUp = async () => (await onHost('db2', 'systemctl is-active ssh')) === 'active\n';
    await onHost(
      'db2',
      `cp -a ${key} ${key}.lab && cp -a ${key}.pub ${key}.pub.lab && rm -f ${key} ${key}.pub && ssh-keygen -q -t ed25519 -N "" -f ${key} && systemctl restart ssh`,
    );
    try {
      await waitFor('db2 sshd with its new key', sshdUp);
      expect(byName(await scan('--hosts', 'db2'), 'db2').error?.code).toBe('host_key_changed');
    } finally {
      await onHost('db2', `mv ${key}.lab ${key} && mv ${key}.pub.lab ${key}.pub && systemctl restart ssh`);
      await waitFor('db2 sshd with its pinned key', sshdUp);
    }
  });
});
