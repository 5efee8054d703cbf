import { openCliApp } from './cli-app';

/**
 * `patchwise queue`: the ranked patch queue with the feeds it was ranked from. JSON:
 * `{ feeds: [{ name, date, records }], items: [{ rank, fix, hosts, cves, kev, epss, ssvc, score, due, reasons }] }`.
 */
export function runQueue(json: boolean, dataDir: string): number {
  const app = openCliApp(dataDir);
  try {
    const feeds = app.services.feeds.status();
    const items = app.services.queue.items();
    if (json) {
      const feedRows = feeds.map(({ name, dataDate, records, ageDays, stale }) => {
        return { name, date: dataDate, records, ageDays, stale };
      });
      console.log(JSON.stringify({ feeds: feedRows, items }, null, 2));
      return 0;
    }
    for (const feed of feeds)
      console.log(
        `feed ${feed.name}: ${feed.dataDate.slice(0, 10)}, ${String(feed.ageDays)} days old${feed.stale ? ' (STALE)' : ''}`,
      );
    if (items.length === 0) console.log('Nothing to patch: no finding for the scanned hosts in the imported feeds.');
    for (const item of items) {
      console.log(
        `${String(item.rank).padStart(3)}. ${item.fix}  score ${String(item.score)}  ${item.ssvc}${item.kev ? '  KEV' : ''}` +
          `${item.due ? `  due ${item.due.slice(0, 10)}` : ''}  ${item.packages.join(' ')} on ${item.hosts.join(' ')}`,
      );
      for (const reason of item.reasons) console.log(`       ${reason}`);
    }
    return 0;
  } finally {
    app.close();
  }
}
