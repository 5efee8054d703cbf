import { readFileSync } from 'node:fs';
import { createApp } from '../../src/main/app';
import { parseDebianInventory } from '../../src/main/fleet/collectors/debian';
import { parseRhelInventory } from '../../src/main/fleet/collectors/rhel';
import { expandFeedPaths } from '../../src/main/feeds/read-feed-file';
import { createPassphraseCipher } from '../../src/main/secrets/passphrase-cipher';
import { createScanRepo } from '../../src/main/store/scan-repo';
import { admin, host, tempDir } from './support';

/** A real app on a temp database whose clock the test moves, with the lab's two findings queued. */
export async function queuedApp() {
  let now = new Date('2026-11-26T12:00:00.000Z');
  const dataDir = tempDir();
  const app = createApp({
    dataDir,
    transport: 'headless',
    events: () => undefined,
    cipher: createPassphraseCipher('exceptions test passphrase'),
    clock: () => now,
  });
  const repo = createScanRepo(app.store.db);
  const inventories = [
    parseDebianInventory(readFileSync('test/fixtures/collectors/debian-api2.txt', 'utf8')),
    parseRhelInventory(readFileSync('test/fixtures/collectors/rocky-api1.txt', 'utf8')),
  ];
  for (const [index, inventory] of inventories.entries()) {
    const added = app.services.hosts.add(
      host({ name: `h${String(index)}`, address: `10.0.0.${String(index + 1)}` }),
      admin,
    );
    const run = repo.createRun('manual', [added], now.toISOString());
    repo.saveInventory(run, added.id, inventory, null, now.toISOString());
    repo.finishRun(run, 'done', now.toISOString());
  }
  for (const path of await expandFeedPaths([
    'resources/lab/feeds/kev',
    'resources/lab/feeds/epss',
    'resources/lab/feeds/osv',
  ]))
    await app.services.feeds.importFile(path, admin);
  return {
    app,
    dataDir,
    at: (iso: string) => {
      now = new Date(iso);
    },
    close: () => {
      app.close();
    },
  };
}
