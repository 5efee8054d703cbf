import { userInfo } from 'node:os';
import { AppError } from '../../shared/result';
import { openCliApp } from './cli-app';
import type { FeedImportOutcome } from '../feeds/feed-service';
import { expandFeedPaths } from '../feeds/read-feed-file';
import type { FeedsCommand } from './args';

type Outcome = FeedImportOutcome & { path: string };

const day = (iso: string): string => iso.slice(0, 10);

/**
 * `patchwise feeds import|status`. Each file is imported on its own, all or nothing; one bad file
 * does not stop the others, and the exit status says whether any failed.
 */
export async function runFeeds(command: FeedsCommand, dataDir: string): Promise<number> {
  const app = openCliApp(dataDir);
  try {
    if (command.action === 'status') {
      const feeds = app.services.feeds.status();
      if (command.json) {
        const rows = feeds.map(({ name, dataDate, records, ageDays, stale, source, sha256, importedAt }) => {
          return { name, date: dataDate, records, ageDays, stale, source, sha256, importedAt };
        });
        console.log(JSON.stringify({ feeds: rows }, null, 2));
      } else if (feeds.length === 0) {
        console.log('No feeds imported yet: patchwise feeds import FILE…');
      } else {
        for (const feed of feeds)
          console.log(
            `${feed.name.padEnd(6)} ${day(feed.dataDate)}  ${String(feed.records).padStart(7)} records  ` +
              `${String(feed.ageDays)} days old${feed.stale ? ' (STALE: older than the site limit)' : ''}  from ${feed.source}`,
          );
      }
      return 0;
    }
    const ctx = { actor: `cli:${userInfo().username}` };
    const outcomes: Outcome[] = [];
    for (const path of await expandFeedPaths(command.paths)) {
      try {
        const imported = await app.services.feeds.importPath(path, ctx);
        // A bundle names each file inside it; a plain file is named by the path given.
        outcomes.push(
          ...imported.map((outcome) => ({ ...outcome, path: imported.length > 1 ? outcome.source : path })),
        );
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        outcomes.push({ path, source: path, ok: false, error: error.toData() });
      }
    }
    if (command.json) console.log(JSON.stringify({ imports: outcomes }, null, 2));
    else
      for (const outcome of outcomes) {
        console.log(
          outcome.ok
            ? `${outcome.result.status === 'imported' ? 'imported ' : 'unchanged'} ${outcome.result.name.padEnd(5)} ` +
                `${day(outcome.result.dataDate)}  ${String(outcome.result.records)} records  from ${outcome.path}`
            : `failed    ${outcome.path}: ${outcome.error.message} (${outcome.error.code})`,
        );
        for (const note of outcome.ok ? outcome.result.notes : []) console.log(`          note: ${note}`);
      }
    return outcomes.every((outcome) => outcome.ok) ? 0 : 1;
  } finally {
    app.close();
  }
}
