import type { Advisory } from '../../shared/domain/advisory';
import type { CveRecord } from '../../shared/domain/cve';
import type { EpssScore, KevEntry } from '../../shared/domain/feed';
import { parseCsaf } from './csaf';
import { parseDebianTracker } from './debian-tracker';
import { parseEpss } from './epss';
import type { FeedData } from './feed-data';
import type { FeedFormat } from './formats';
import { parseKevCsv, parseKevJson } from './kev';
import { parseMsrcCvrf, type MsrcData } from './msrc';
import { parseNvd } from './nvd';
import { parseOsv } from './osv';
import type { OpenedFeed } from './read-feed-file';
import { parseUpdateinfo } from './updateinfo';

/**
 * A feed file's data and how it lands: a snapshot replaces its feed's table whole (KEV, EPSS,
 * the tracker); records add or update by id, the newer `modified` winning (OSV, CSAF,
 * updateinfo, NVD: each arrives in pieces); an MSRC document replaces its month.
 */
export type ParsedFeed =
  | { feed: 'kev'; kind: 'snapshot'; data: FeedData<KevEntry> }
  | { feed: 'epss'; kind: 'snapshot'; data: FeedData<EpssScore> }
  | { feed: 'debian-tracker'; kind: 'snapshot'; data: FeedData<Advisory> }
  | { feed: 'osv' | 'csaf' | 'updateinfo'; kind: 'record'; data: FeedData<Advisory> }
  | { feed: 'nvd'; kind: 'record'; data: FeedData<CveRecord> }
  | { feed: 'msrc'; kind: 'document'; data: MsrcData };

/** Parses an opened feed of a known format: NVD streamed (years are hundreds of MB), the rest as text. */
export async function parseFeed(format: FeedFormat, opened: OpenedFeed, now: Date): Promise<ParsedFeed> {
  const { source } = opened;
  if (format === 'nvd-json') return { feed: 'nvd', kind: 'record', data: await parseNvd(source, opened.streamed()) };
  const text = await opened.text();
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
    case 'csaf-json':
      return { feed: 'csaf', kind: 'record', data: parseCsaf(source, text) };
    case 'updateinfo-xml':
      return { feed: 'updateinfo', kind: 'record', data: parseUpdateinfo(source, text) };
    case 'msrc-cvrf':
      return { feed: 'msrc', kind: 'document', data: parseMsrcCvrf(source, text) };
  }
}
