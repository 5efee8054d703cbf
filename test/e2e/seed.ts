import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/main/app';
import { parseDebianInventory } from '../../src/main/fleet/collectors/debian';
import { parseRhelInventory } from '../../src/main/fleet/collectors/rhel';
import { expandFeedPaths } from '../../src/main/feeds/read-feed-file';
import { createPassphraseCipher } from '../../src/main/secrets/passphrase-cipher';
import { createScanRepo } from '../../src/main/store/scan-repo';
import { DEFAULT_HOST_INPUT } from '../../src/shared/domain/host';
import type { HostInventory } from '../../src/shared/domain/inventory';

/**
 * A data folder as it is after scanning two lab hosts and importing the lab's synthetic feeds:
 * the inventories are the ones recorded from lab hosts (test/fixtures/collectors), written as a
 * finished scan run, so this test needs no lab.
 */
export async function seeded(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'patchwise-e2e-queue-'));
  const app = createApp({
    dataDir,
    transport: 'headless',
    events: () => undefined,
    cipher: createPassphraseCipher('e2e-queue-passphrase'),
  });
  try {
    const ctx = { actor: 'e2e seed' };
    const at = new Date().toISOString();
    const save = (
      name: string,
      address: string,
      exposure: 'internet-facing' | 'internal',
      inventory: HostInventory,
    ) => {
      const tags = [name.replace(/\d+$/, '')];
      const host = app.services.hosts.add(
        { ...DEFAULT_HOST_INPUT, name, address, exposure, criticality: 'high', tags },
        ctx,
      );
      const repo = createScanRepo(app.store.db);
      const runId = repo.createRun('manual', [host], at);
      repo.saveInventory(runId, host.id, inventory, null, at);
      repo.finishRun(runId, 'done', at);
    };
    save(
      'web1',
      '10.213.0.12',
      'internet-facing',
      parseDebianInventory(readFileSync('test/fixtures/collectors/debian-api2.txt', 'utf8')),
    );
    save(
      'api1',
      '10.213.0.15',
      'internal',
      parseRhelInventory(readFileSync('test/fixtures/collectors/rocky-api1.txt', 'utf8')),
    );
    const feeds = [
      'resources/lab/feeds/kev',
      'resources/lab/feeds/epss',
      'resources/lab/feeds/osv',
      // Ours, in the tracker's shape: adds a not-affected state for libdemo.
      'test/fixtures/feeds/debian/security-tracker.json',
    ];
    for (const path of await expandFeedPaths(feeds)) await app.services.feeds.importFile(path, ctx);
  } finally {
    app.close();
  }
  return dataDir;
}
