import type Database from 'better-sqlite3';
import {
  FEED_NAMES,
  FEED_TITLES,
  type FeedImportResult,
  type FeedName,
  type FeedStatus,
} from '../../shared/domain/feed';
import { AppError, type ErrorData } from '../../shared/result';
import type { CallContext, Clock, EventSink } from '../ports';
import type { AdvisoryRepo } from '../store/advisory-repo';
import type { AuditRepo } from '../store/audit-repo';
import type { CveRepo } from '../store/cve-repo';
import type { FeedImport, FeedRepo } from '../store/feed-repo';
import type { MsrcRepo } from '../store/msrc-repo';
import type { SettingsRepo } from '../store/settings-repo';
import type { FeedFormat } from './formats';
import type { ParsedFeed } from './parse-feed';
import { fileInput, inspectFeedPath, openFeed, type FeedInput } from './read-feed-file';

interface Deps {
  db: Database.Database;
  feeds: FeedRepo;
  advisories: AdvisoryRepo;
  cves: CveRepo;
  msrc: MsrcRepo;
  audit: AuditRepo;
  settings: SettingsRepo;
  events: EventSink;
  clock: Clock;
}

/** One import's result: what a bundle reports per file inside it. */
export type FeedImportOutcome =
  { source: string; ok: true; result: FeedImportResult } | { source: string; ok: false; error: ErrorData };

const DAY_MS = 86_400_000;

/**
 * The format detection and parsers (XML, streaming JSON and archive libraries among them), loaded
 * on the first import: every other command, `scan` included, starts without them.
 */
async function parsers() {
  const [{ detectFormat }, { parseFeed }] = await Promise.all([import('./formats'), import('./parse-feed')]);
  return { detectFormat, parseFeed };
}
const day = (iso: string): string => iso.slice(0, 10);

export function createFeedService({ db, feeds, advisories, cves, msrc, audit, settings, events, clock }: Deps) {
  /** The `modified` of a record already held, by the feed that keeps it. */
  const heldModified = (parsed: ParsedFeed & { kind: 'record' }, id: string): string | undefined =>
    parsed.feed === 'nvd' ? cves.modified(id) : advisories.modified(id);

  /**
   * What of the parsed data to write: null when nothing (the same file again, or records all
   * held already), an error when it is older than what is held. Snapshots compare by day (the
   * CSV edition of KEV is dated by its newest entry, the JSON one to the second); records by
   * `modified`, each on its own, so a page or a repository's errata adds what is new in it.
   */
  function toWrite(parsed: ParsedFeed, file: { source: string; sha256: string }): ParsedFeed | null {
    if (feeds.imported(parsed.feed, file.sha256)) return null;
    if (parsed.kind === 'record') {
      const records = (parsed.data.records as { id: string; modified: string }[]).filter((record) => {
        const held = heldModified(parsed, record.id);
        // The same errata id arrives from each repository (BaseOS, AppStream) with its own packages.
        return (
          held === undefined || held < record.modified || (parsed.feed === 'updateinfo' && held === record.modified)
        );
      });
      const [only] = parsed.data.records;
      if (records.length === 0 && parsed.data.records.length === 1 && only) {
        const held = heldModified(parsed, only.id) ?? '';
        if (held === only.modified) return null;
        throw new AppError(
          'conflict',
          `${file.source} holds ${only.id} as modified ${only.modified}, older than the ${held} record already imported; nothing was changed`,
        );
      }
      if (records.length === 0) return null;
      return { ...parsed, data: { ...parsed.data, records } } as ParsedFeed;
    }
    if (parsed.kind === 'document') return parsed;
    const current = feeds.current(parsed.feed);
    if (current && day(current.dataDate) > day(parsed.data.dataDate))
      throw new AppError(
        'conflict',
        `${file.source} holds ${FEED_TITLES[parsed.feed]} of ${day(parsed.data.dataDate)}, older than the ` +
          `${day(current.dataDate)} data already imported (from ${current.source}); nothing was changed`,
      );
    return parsed;
  }

  function write(parsed: ParsedFeed, importId: number): void {
    switch (parsed.feed) {
      case 'kev':
        feeds.replaceKev(parsed.data.records);
        return;
      case 'epss':
        feeds.replaceEpss(parsed.data.records);
        return;
      case 'nvd':
        for (const record of parsed.data.records) cves.put(record, importId);
        return;
      case 'osv':
      case 'csaf':
        for (const advisory of parsed.data.records) advisories.put(advisory, importId);
        return;
      case 'updateinfo':
        for (const advisory of parsed.data.records) advisories.merge(advisory, importId);
        return;
      case 'debian-tracker':
        advisories.removeSource('debian-tracker');
        for (const advisory of parsed.data.records) advisories.put(advisory, importId);
        return;
      case 'msrc':
        msrc.replaceDocument(parsed.data, importId);
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
    let parsed: ParsedFeed;
    let format: FeedFormat;
    try {
      const { detectFormat, parseFeed } = await parsers();
      format = detectFormat(opened.source, opened.head);
      parsed = await parseFeed(format, opened, clock());
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
      notes: data.notes ?? [],
    };
    const entry = db.transaction(() => {
      const changes = toWrite(parsed, file);
      if (changes === null) return null;
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
      write(changes, recorded.id);
      return audit.append({
        actor: ctx.actor,
        action: 'feed.import',
        target: `feed:${parsed.feed}`,
        details: {
          source: file.source,
          sha256: file.sha256,
          records: recorded.records,
          dataDate: data.dataDate,
          ...(result.notes.length > 0 ? { notes: result.notes } : {}),
        },
      });
    })();
    if (entry === null) return { ...result, status: 'unchanged' };
    events('audit.entry', { seq: entry.seq, action: entry.action });
    return { ...result, status: 'imported' };
  }

  /** How much a feed holds and how new it is: a snapshot's own, or all records' of a record feed. */
  function held(name: FeedName, row: FeedImport): { records: number; dataDate: string } {
    switch (name) {
      case 'osv':
      case 'csaf':
      case 'updateinfo':
        return { records: advisories.count(name), dataDate: advisories.newestModified(name) ?? row.dataDate };
      case 'nvd':
        return { records: cves.count(), dataDate: row.dataDate };
      case 'msrc': {
        const newest = msrc.newest();
        return { records: msrc.count(), dataDate: newest?.updated ?? row.dataDate };
      }
      default:
        return { records: row.records, dataDate: row.dataDate };
    }
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
      const { bundleEntries } = await import('./bundles');
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
        // Record feeds arrive in pieces: their size and date are those of all records held.
        const { records, dataDate } = held(name, row);
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
