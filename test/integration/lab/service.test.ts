import { afterAll, describe, expect, it } from 'vitest';
import { runLoad, summarise } from '../../../src/main/lab/load';
import { hostStatus, lab, onHost, waitFor } from '../../lab/hosts';

const HEALTH = `python3 -c "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:8080/health').read().decode())"`;

/** 400 requests at 40/s straight at one web host's demo service. */
async function measure(address: string) {
  return summarise(await runLoad({ url: `http://${address}:8080/`, ratePerSecond: 40, durationMs: 10_000 }));
}

async function installDemoHttp(version: string): Promise<void> {
  await onHost(
    'web1',
    `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --allow-downgrades demo-http=${version} >/dev/null`,
  );
  await waitFor(`demo-http ${version} on web1`, async () =>
    (await onHost('web1', HEALTH)).includes(`"version": "${version.split('-')[0] ?? ''}"`),
  );
}

describe.skipIf(lab.skip !== null)(`the demo HTTP service${lab.skip ? ` (skipped: ${lab.skip})` : ''}`, () => {
  afterAll(async () => {
    if (lab.skip === null) await installDemoHttp('2.0-1');
  });

  it('gets slower and fails a few percent of requests in 2.2, but not in 2.1', async () => {
    const web1 = await hostStatus('web1');
    const baseline = await measure(web1.address);
    await installDemoHttp('2.1-1');
    const fixed = await measure(web1.address);
    await installDemoHttp('2.2-1');
    const regressed = await measure(web1.address);
    console.log({ baseline, fixed, regressed });

    expect(baseline.failed).toBe(0);
    expect(fixed.failed).toBe(0);
    expect(fixed.p50).toBeLessThan(baseline.p50 + 20);
    expect(regressed.errorRate).toBeGreaterThan(0.01);
    expect(regressed.p50).toBeGreaterThan(fixed.p50 + 25);
  });
});
