import { sshAnswers } from '../../../src/main/lab/ssh-probe';
import { describe, expect, it } from 'vitest';
import { hostStatus, lab, labCli, onHost, waitFor } from '../../lab/hosts';

describe.skipIf(lab.skip !== null)(`reboots and faults${lab.skip ? ` (skipped: ${lab.skip})` : ''}`, () => {
  it('reboots a host for real: new boot id, uptime from zero, services back', async () => {
    const bootId = await onHost('api2', 'cat /proc/sys/kernel/random/boot_id');
    const before = await hostStatus('api2');
    await onHost('api2', 'systemctl reboot');
    await waitFor('api2 to boot again', async () => {
      const now = await hostStatus('api2');
      return now.boots === before.boots + 1 && now.phase === 'running';
    });
    expect(await onHost('api2', 'cat /proc/sys/kernel/random/boot_id')).not.toBe(bootId);
    expect(Number((await onHost('api2', 'cut -d" " -f1 /proc/uptime')).trim())).toBeLessThan(60);
    await waitFor(
      'demo-http on api2',
      async () => (await onHost('api2', 'systemctl is-active demo-http')) === 'active\n',
    );
  });

  it('cuts and restores a link: web2 is unreachable, then reachable', async () => {
    const web2 = await hostStatus('web2');
    await labCli(['fault', 'web2', 'link-down']);
    expect(await sshAnswers(web2.address)).toBe(false);
    await labCli(['fault', 'web2', 'link-up']);
    await waitFor('web2 to answer', () => sshAnswers(web2.address), 10_000);
  });

  it('leaves a host down after a no-return reboot, until restored', async () => {
    await labCli(['fault', 'search2', 'no-return']);
    await onHost('search2', 'systemctl reboot');
    await waitFor('search2 to stay down', async () => (await hostStatus('search2')).phase === 'down');
    expect(await sshAnswers((await hostStatus('search2')).address)).toBe(false);
    await labCli(['fault', 'search2', 'restore']);
    await waitFor('search2 to come back', async () => (await hostStatus('search2')).phase === 'running');
  });

  it('makes the package manager hang and the download cache full, until restored', async () => {
    await labCli(['fault', 'web3', 'hang']);
    await expect(onHost('web3', 'timeout 3 apt-get -v')).rejects.toThrow(/exit 124/);
    await labCli(['fault', 'web3', 'disk-full']);
    expect(await onHost('web3', 'df --output=pcent /var/cache/apt/archives | tail -1')).toMatch(/100%/);
    await labCli(['fault', 'web3', 'restore']);
    expect(await onHost('web3', 'apt-get -v | head -1')).toMatch(/^apt /);
  });
});
