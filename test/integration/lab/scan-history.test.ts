import { describe, expect, it } from 'vitest';
import { run } from '../../../src/main/lab/run';
import { lab, onHost, openLabApp } from '../../lab/hosts';

const scan = (hosts: string) =>
  run([process.execPath, 'bin/patchwise.mjs', '--data-dir', lab.dataDir, 'scan', '--json', '--hosts', hosts]);

function hostDetail(name: string) {
  const app = openLabApp();
  try {
    const host = app.services.hosts.list().find((candidate) => candidate.name === name);
    if (!host) throw new Error(`${name} is not registered`);
    return { detail: app.services.scans.detail(host.id), summary: app.services.scans.summaries() };
  } finally {
    app.close();
  }
}

describe.skipIf(lab.skip !== null)(`scan history${lab.skip ? ` (skipped: ${lab.skip})` : ''}`, () => {
  it('stores every scan and what changed on the host between two of them', async () => {
    await onHost('api2', 'apt-get update -qq && apt-get install -y -qq --allow-downgrades libdemo1=1.0-1 >/dev/null');
    await scan('api2');
    await onHost('api2', 'apt-get install -y -qq libdemo1=1.1-1 >/dev/null');
    await scan('api2');
    const { detail, summary } = hostDetail('api2');
    expect(detail.inventory?.packages).toContainEqual(expect.objectContaining({ name: 'libdemo1', version: '1.1-1' }));
    expect(detail.history[0]?.status).toBe('ok');
    expect(detail.history[0]?.changes?.changed).toEqual([{ name: 'libdemo1', from: '1.0-1', to: '1.1-1' }]);
    expect(detail.inventory?.connections).toContainEqual(
      expect.objectContaining({ state: 'listen', localPort: 22, process: 'sshd' }),
    );
    expect(summary.find((row) => row.hostId === detail.summary.hostId)).toMatchObject({ lastStatus: 'ok' });
  });
});
