import type Database from 'better-sqlite3';
import type { Advisory } from '../../shared/domain/advisory';
import {
  FEED_NAMES,
  FEED_TITLES,
  type EpssScore,
  type FeedImportResult,
  type FeedStatus,
  type KevEntry,
} from '../../shared/domain/feed';
import { AppError, type ErrorData } from '../../shared/result';
import type { CallContext, Clock, EventSink } from '../ports';
import type { AdvisoryRepo } from '../store/advisory-repo';
import type { AuditRepo } from '../store/audit-repo';
import type { FeedRepo } from '../store/feed-repo';
import type { SettingsRepo } from '../store/settings-repo';
import { parseEpss } from './epss';
import type { FeedData } from './feed-data';
import { detectFormat, type FeedFormat } from './formats';
import { parseKevCsv, parseKevJson } from './kev';
import { parseDebianTracker } from './debian-tracker';
import { parseOsv } from './osv';
import { bundleEntries } from './bundles';
import { fileInput, inspectFeedPath, openFeed, type FeedInput, type OpenedFeed } from './read-feed-file';

interface Deps {
  db: Database.Database;
  feeds: FeedRepo;
  advisories: AdvisoryRepo;
  audit: AuditRepo;
  settings: SettingsRepo;
  events: EventSink;
  clock: Clock;
}

/** Snapshot feeds replace their table whole; record feeds (OSV) add or update one advisory. */
type Parsed =
  | { feed: 'kev'; kind: 'snapshot'; data: FeedData<KevEntry> }
  | { feed: 'epss'; kind: 'snapshot'; data: FeedData<EpssScore> }
  | { feed: 'osv'; kind: 'record'; data: FeedData<Advisory> }
  | { feed: 'debian-tracker'; kind: 'snapshot'; data: FeedData<Advisory> };

/** One import's result: what a bundle reports per file inside it. */
export type FeedImportOutcome =
  { source: string; ok: true; result: FeedImportResult } | { source: string; ok: false; error: ErrorData };

async function parseOpened(format: FeedFormat, opened: OpenedFeed, now: Date): Promise<Parsed> {
  return parse(format, opened.source, await opened.text(), now);
}

function parse(format: FeedFormat, source: string, text: string, now: Date): Parsed {
  switch (format) {
    case 'kev-json':
      return { feed: 'kev', kind: 'snapshot', data: parseKevJson(source, text) };
    case 'kev-csv':
      return { feed: 'kev', kind: 'snapshot', data: parseKevCsv(source, text) };
    case 'epss-csv':
      return { feed: 'epss', kind: 'snapshot', data: parseEpss(source, text) };
    case 'debian-tracker-json':
      return { feed: 'debian-tracker', kind: 'snapshot', data: parseDebianTracker(source, text, now) };
    case 'osv-json': {
      const advisory = parseOsv(source, text);
      return { feed: 'osv', kind: 'record', data: { records: [advisory], dataDate: advisory.modified, version: null } };
    }
  }
}

const DAY_MS = 86_400_000;
const day = (iso: string): string => iso.slice(0, 10);

export function createFeedService({ db, feeds, advisories, audit, settings, events, clock }: Deps) {
  /**
   * Whether the parsed data may replace what is held: null when it is what is held already
   * (nothing to do), an error when it is older. Snapshots compare by day (the CSV edition of
   * KEV is dated by its newest entry, the JSON one to the second); an OSV record by `modified`.
   */
  function checkNewer(parsed: Parsed, file: { source: string; sha256: string }): 'write' | null {
    if (parsed.kind === 'record') {
      const [advisory] = parsed.data.records;
      const held = advisory ? advisories.modified(advisory.id) : undefined;
      if (!advisory || held === undefined || held < advisory.modified) return 'write';
      if (held === advisory.modified) return null;
      throw new AppError(
        'conflict',
        `${file.source} holds ${advisory.id} as modified ${advisory.modified}, older than the ${held} record already imported; nothing was changed`,
      );
    }
    const current = feeds.current(parsed.feed);
    if (current?.sha256 === file.sha256) return null;
    if (current && day(current.dataDate) > day(parsed.data.dataDate))
      throw new AppError(
        'conflict',
        `${file.source} holds ${FEED_TITLES[parsed.feed]} of ${day(parsed.data.dataDate)}, older than the ` +
          `${day(current.dataDate)} data already imported (from ${current.source}); nothing was changed`,
      );
    return 'write';
  }

  function write(parsed: Parsed, importId: number): void {
    switch (parsed.feed) {
      case 'kev':
        feeds.replaceKev(parsed.data.records);
        return;
      case 'epss':
        feeds.replaceEpss(parsed.data.records);
        return;
      case 'osv':
        for (const advisory of parsed.data.records) advisories.put(advisory, importId);
        return;
      case 'debian-tracker':
        advisories.removeSource('debian-tracker');
        for (const advisory of parsed.data.records) advisories.put(advisory, importId);
        return;
    }
  }

  /**
   * Imports one feed, all or nothing: it is read and parsed whole before anything is written,
   * and the data, its provenance and the audit entry change in one transaction. The same file
   * again changes nothing; data older than what the feed holds is refused.
   */
  async function importInput(input: FeedInput, ctx: CallContext): Promise<FeedImportResult> {
    const opened = await openFeed(input);
    let parsed: Parsed;
    let format: FeedFormat;
    try {
      format = detectFormat(opened.source, opened.head);
      parsed = await parseOpened(format, opened, clock());
    } finally {
      await opened.close();
    }
    const file = { source: opened.source, sha256: opened.sha256(), bytes: opened.bytes };
    const { data } = parsed;
    const result = {
      name: parsed.feed,
      source: file.source,
      format,
      records: data.records.length,
      dataDate: data.dataDate,
    };
    const entry = db.transaction(() => {
      if (checkNewer(parsed, file) === null) return null;
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
      write(parsed, recorded.id);
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
  }

  return {
    /** Imports one feed file (plain or gzip); a bundle goes through `importPath`. */
    async importFile(path: string, ctx: CallContext): Promise<FeedImportResult> {
      const file = await inspectFeedPath(path);
      if (file.kind !== 'file')
        throw new AppError('invalid_input', `${file.source} is a bundle of feeds; import it with importPath`);
      return importInput(fileInput(file), ctx);
    },

    /**
     * Imports a feed file or every feed in a bundle (.zip, .tar.gz), each file on its own and all
     * or nothing: one bad file in a bundle is reported and the others are still imported.
     */
    async importPath(path: string, ctx: CallContext): Promise<FeedImportOutcome[]> {
      const file = await inspectFeedPath(path);
      if (file.kind === 'file')
        return [{ source: file.source, ok: true, result: await importInput(fileInput(file), ctx) }];
      const outcomes: FeedImportOutcome[] = [];
      for await (const entry of bundleEntries(file)) {
        if (!entry.ok) {
          outcomes.push({ source: entry.source, ok: false, error: entry.error.toData() });
          continue;
        }
        try {
          outcomes.push({ source: entry.input.source, ok: true, result: await importInput(entry.input, ctx) });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          outcomes.push({ source: entry.input.source, ok: false, error: error.toData() });
        }
      }
      if (outcomes.length === 0)
        throw new AppError('feed_invalid', `${file.source} holds no feed files (.json, .csv, .xml, or those gzipped)`);
      return outcomes;
    },

    /** Every imported feed with the age of its data, marked stale past the site's limit. */
    status(): FeedStatus[] {
      const limit = settings.get().feedMaxAgeDays;
      const now = clock().getTime();
      const imported = new Map(feeds.currentAll().map((row) => [row.feed, row]));
      return FEED_NAMES.flatMap((name) => {
        const row = imported.get(name);
        if (!row) return [];
        // OSV arrives record by record: its size and date are those of all records held.
        const records = name === 'osv' ? advisories.count('osv') : row.records;
        const dataDate = name === 'osv' ? (advisories.newestModified('osv') ?? row.dataDate) : row.dataDate;
        const ageDays = Math.max(0, Math.floor((now - new Date(dataDate).getTime()) / DAY_MS));
        return [
          {
            name,
            title: FEED_TITLES[name],
            source: row.source,
            format: row.format,
            sha256: row.sha256,
            records,
            dataDate,
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
