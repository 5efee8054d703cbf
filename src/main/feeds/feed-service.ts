import type Database from 'better-sqlite3';
import {
  FEED_NAMES,
  FEED_TITLES,
  type EpssScore,
  type FeedImportResult,
  type FeedStatus,
  type KevEntry,
} from '../../shared/domain/feed';
import { AppError } from '../../shared/result';
import type { CallContext, Clock, EventSink } from '../ports';
import type { AuditRepo } from '../store/audit-repo';
import type { FeedRepo } from '../store/feed-repo';
import type { SettingsRepo } from '../store/settings-repo';
import { parseEpss } from './epss';
import type { FeedData } from './feed-data';
import { detectFormat, type FeedFormat } from './formats';
import { parseKevCsv, parseKevJson } from './kev';
import { readFeedFile } from './read-feed-file';

interface Deps {
  db: Database.Database;
  feeds: FeedRepo;
  audit: AuditRepo;
  settings: SettingsRepo;
  events: EventSink;
  clock: Clock;
}

type Parsed = { feed: 'kev'; data: FeedData<KevEntry> } | { feed: 'epss'; data: FeedData<EpssScore> };

function parse(format: FeedFormat, source: string, text: string): Parsed {
  switch (format) {
    case 'kev-json':
      return { feed: 'kev', data: parseKevJson(source, text) };
    case 'kev-csv':
      return { feed: 'kev', data: parseKevCsv(source, text) };
    case 'epss-csv':
      return { feed: 'epss', data: parseEpss(source, text) };
  }
}

const DAY_MS = 86_400_000;

export function createFeedService({ db, feeds, audit, settings, events, clock }: Deps) {
  return {
    /**
     * Imports one file, all or nothing: it is read and parsed whole before anything is written,
     * and the data, its provenance and the audit entry change in one transaction. The same file
     * again changes nothing; data older than what the feed holds is refused.
     */
    async importFile(path: string, ctx: CallContext): Promise<FeedImportResult> {
      const file = await readFeedFile(path);
      const format = detectFormat(file.source, file.text);
      const parsed = parse(format, file.source, file.text);
      const { data } = parsed;
      const result = {
        name: parsed.feed,
        source: file.source,
        format,
        records: data.records.length,
        dataDate: data.dataDate,
      };
      const entry = db.transaction(() => {
        const current = feeds.current(parsed.feed);
        if (current?.sha256 === file.sha256) return null;
        // By day: the CSV edition of KEV is dated by its newest entry, the JSON one to the second.
        if (current && current.dataDate.slice(0, 10) > data.dataDate.slice(0, 10))
          throw new AppError(
            'conflict',
            `${file.source} holds ${FEED_TITLES[parsed.feed]} of ${data.dataDate.slice(0, 10)}, older than the ` +
              `${current.dataDate.slice(0, 10)} data already imported (from ${current.source}); nothing was changed`,
          );
        if (parsed.feed === 'kev') feeds.replaceKev(parsed.data.records);
        else feeds.replaceEpss(parsed.data.records);
        const recorded = feeds.record({
          feed: parsed.feed,
          format,
          source: file.source,
          sha256: file.sha256,
          bytes: file.bytes,
          records: data.records.length,
          dataDate: data.dataDate,
          version: data.version,
          importedAt: clock().toISOString(),
          importedBy: ctx.actor,
        });
        return audit.append({
          actor: ctx.actor,
          action: 'feed.import',
          target: `feed:${parsed.feed}`,
          details: { source: file.source, sha256: file.sha256, records: recorded.records, dataDate: data.dataDate },
        });
      })();
      if (entry === null) return { ...result, status: 'unchanged' };
      events('audit.entry', { seq: entry.seq, action: entry.action });
      return { ...result, status: 'imported' };
    },

    /** Every imported feed with the age of its data, marked stale past the site's limit. */
    status(): FeedStatus[] {
      const limit = settings.get().feedMaxAgeDays;
      const now = clock().getTime();
      const imported = new Map(feeds.currentAll().map((row) => [row.feed, row]));
      return FEED_NAMES.flatMap((name) => {
        const row = imported.get(name);
        if (!row) return [];
        const ageDays = Math.max(0, Math.floor((now - new Date(row.dataDate).getTime()) / DAY_MS));
        return [
          {
            name,
            title: FEED_TITLES[name],
            source: row.source,
            format: row.format,
            sha256: row.sha256,
            records: row.records,
            dataDate: row.dataDate,
            version: row.version,
            importedAt: row.importedAt,
            importedBy: row.importedBy,
            ageDays,
            stale: ageDays > limit,
          },
        ];
      });
    },
  };
}

export type FeedService = ReturnType<typeof createFeedService>;
