import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDebianInventory } from '../../src/main/fleet/collectors/debian';
import { parseWindowsInventory } from '../../src/main/fleet/collectors/windows';
import { expandFeedPaths } from '../../src/main/feeds/read-feed-file';
import { createScanRepo } from '../../src/main/store/scan-repo';
import type { HostInventory } from '../../src/shared/domain/inventory';
import { admin, host, makeApp } from './support';

const NOW = new Date();
const debian = parseDebianInventory(readFileSync('test/fixtures/collectors/debian-api2.txt', 'utf8'));

function save(app: ReturnType<typeof makeApp>, hostId: number, name: string, inventory: HostInventory): void {
  const repo = createScanRepo(app.store.db);
  const runId = repo.createRun('manual', [{ id: hostId, name }], NOW.toISOString());
  repo.saveInventory(runId, hostId, inventory, null, NOW.toISOString());
  repo.finishRun(runId, 'done', NOW.toISOString());
}

/** A web host with the lab's Debian inventory, and the lab bundle's feeds (NVD among them) imported. */
async function labQueue(exposure: 'internet-facing' | 'internal') {
  const app = makeApp();
  const web = app.services.hosts.add(host({ name: 'web1', exposure, criticality: 'high' }), admin);
  save(app, web.id, 'web1', debian);
  for (const path of await expandFeedPaths(['resources/lab/feeds'])) await app.services.feeds.importFile(path, admin);
  return app;
}

const HOUR_MS = 3_600_000;

describe('the queue with NVD scores and the site SLA policy', () => {
  it('scores by the CVSS NVD gives, and its vector feeds the SSVC decision', async () => {
    const app = await labQueue('internet-facing');
    const [first] = app.services.queue.items();
    expect(first?.fix).toBe('DEBIAN-CVE-2026-90002');
    expect(first?.reasons).toEqual(
      expect.arrayContaining([
        'severity +36.4: CVSS 9.1',
        expect.stringMatching(/^ssvc 0: SSVC Act \(exploitation active, automatable yes, technical impact partial/),
      ]),
    );
    expect(first?.ssvc).toBe('Act');
  });

  it('takes its due dates from the policy the settings page edits', async () => {
    const app = await labQueue('internal');
    const dueOf = () => app.services.queue.items().find((item) => item.fix === 'DEBIAN-CVE-2026-90002')?.due ?? null;
    // KEV by CISA's due date (2026-11-17, already past) comes first while that rule is on.
    expect(dueOf()).toBe('2026-11-17T23:59:59.000Z');
    app.services.updateSettings({ slaKevByDueDate: false, slaActHours: 12 }, admin);
    const due = new Date(dueOf() ?? 0).getTime();
    expect(Math.abs(due - (NOW.getTime() + 12 * HOUR_MS))).toBeLessThan(HOUR_MS);
    app.services.updateSettings({ slaActHours: 96 }, admin);
    expect(Math.abs(new Date(dueOf() ?? 0).getTime() - (NOW.getTime() + 96 * HOUR_MS))).toBeLessThan(HOUR_MS);
  });
});

describe('Windows hosts in the queue', () => {
  it("lists the MSRC updates a Windows Server 2022 host's build and KBs do not cover yet", async () => {
    const app = makeApp();
    const win = app.services.hosts.add(
      host({ name: 'dc1', osFamily: 'windows', exposure: 'internal', criticality: 'critical' }),
      admin,
    );
    const inventory = parseWindowsInventory(readFileSync('test/fixtures/collectors/windows-server2022.txt', 'utf8'));
    save(app, win.id, 'dc1', inventory);
    await app.services.feeds.importFile('test/fixtures/feeds/msrc/msrc-2099-Jan.xml', admin);
    const findings = app.services.queue.findings().filter((finding) => finding.host === 'dc1');
    // The synthetic month's update for Server 2022 (build 9129); the host is at 20348.2700.
    expect(findings).toEqual([
      {
        host: 'dc1',
        advisory: 'KB9990129',
        cves: ['CVE-2099-30001', 'CVE-2099-30002'],
        package: 'Windows Server 2022',
        installed: '10.0.20348.2700',
        fixed: '10.0.20348.9129',
        severity: 'Critical',
        state: 'vulnerable',
      },
    ]);
    expect(app.services.queue.items().map((item) => [item.fix, item.hosts])).toEqual([['KB9990129', ['dc1']]]);
  });
});
