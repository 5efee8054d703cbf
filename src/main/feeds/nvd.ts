import Assembler from 'stream-json/assembler.js';
import { jsonParser, type Token } from 'stream-json/parser.js';
import { none } from 'stream-chain/defs.js';
import { z } from 'zod';
import { SUMMARY_MAX, type CveRecord, type CvssMetric, type CvssVersion } from '../../shared/domain/cve';
import { AppError } from '../../shared/result';
import { CvssVectorError } from '../domain/risk/cvss-vector';
import { scoreCvss3 } from '../domain/risk/cvss31';
import { scoreCvss4 } from '../domain/risk/cvss40';
import type { FeedData } from './feed-data';
import { CVE_ID } from './kev';

/**
 * NVD CVE API 2.0 JSON, read as a stream: a year of NVD's 2.0 data feed is hundreds of MB, so
 * the file is never held whole. Three shapes are read:
 * - a page, as the API answers and as the yearly feed files (nvdcve-2.0-2024.json) are written:
 *   `{resultsPerPage, startIndex, totalResults, format: "NVD_CVE", version: "2.0", timestamp,
 *   vulnerabilities: [{cve: {…}}]}`;
 * - one element of that list saved alone, `{cve: {…}}`;
 * - a bare record `{id: "CVE-…", sourceIdentifier, …}`: the `cve` object of one record, saved
 *   on its own.
 *
 * Facts from NVD's data that the code relies on:
 * - Times carry no zone (`2023-10-18T18:04:18.493`); NVD writes them in UTC.
 * - A record without any score has `"metrics": {}` (those awaiting analysis), or no `metrics`.
 * - `type: "Primary"` is not always NVD's own: an Oracle record carries a Primary metric from
 *   secalert_us@oracle.com. A v2 metric has its severity beside `cvssData`, the others inside.
 * - Every optional CVSS v4.0 metric is written out as `X` (`E:X/CR:X/…/U:X`).
 * - Some files escape `/` as `\/` in strings (vectors included); JSON allows both.
 * - A page's timestamp can be older than a record in it (the page of one: 2023-01-03, its record
 *   modified 2024-11-21); the data's date is still the page's timestamp.
 */

/** What an NVD file holds, and the metrics whose stated score our calculator does not reproduce. */
export interface NvdData extends FeedData<CveRecord> {
  scoreMismatches: ScoreMismatch[];
}

export interface ScoreMismatch {
  cve: string;
  source: string;
  version: CvssVersion;
  vector: string;
  /** What NVD states, and what the record keeps. */
  stated: number;
  computed: number;
}

/** An NVD record nests ~8 levels (configurations → nodes → cpeMatch); deeper is not NVD. */
const MAX_DEPTH = 64;
/** NVD's v2 vectors are the six base metrics, in this order, without a prefix. */
const CVSS2_VECTOR = /^AV:[LAN]\/AC:[HML]\/Au:[MSN]\/C:[NPC]\/I:[NPC]\/A:[NPC]$/;
const CWE_ID = /^CWE-\d+$/;
const ZONED = /(Z|[+-]\d{2}:?\d{2})$/i;

const invalid = (source: string, message: string): AppError => new AppError('feed_invalid', `${source}: ${message}`);

const nvdTime = z.iso.datetime({ local: true, offset: true, error: 'must be an ISO 8601 date and time' });
/** NVD's zone-less times are UTC. */
const isoOf = (time: string): string => new Date(ZONED.test(time) ? time : `${time}Z`).toISOString();

const metricSchema = z.object({
  source: z.string().min(1),
  type: z.enum(['Primary', 'Secondary']),
  cvssData: z.object({
    version: z.string(),
    vectorString: z.string().min(1),
    baseScore: z.number().min(0).max(10),
    baseSeverity: z.string().optional(),
  }),
  // v2 only: its severity sits beside cvssData.
  baseSeverity: z.string().optional(),
});

/** NVD's key for each version's list of metrics. */
const METRIC_LISTS = {
  cvssMetricV40: '4.0',
  cvssMetricV31: '3.1',
  cvssMetricV30: '3.0',
  cvssMetricV2: '2.0',
} as const satisfies Record<string, CvssVersion>;

const textSchema = z.object({ lang: z.string(), value: z.string() });

const cveSchema = z.object({
  id: z.string().regex(CVE_ID, 'must look like CVE-2024-12345'),
  published: nvdTime,
  lastModified: nvdTime,
  vulnStatus: z.string().min(1),
  descriptions: z.array(textSchema),
  metrics: z
    .object({
      cvssMetricV40: z.array(metricSchema).optional(),
      cvssMetricV31: z.array(metricSchema).optional(),
      cvssMetricV30: z.array(metricSchema).optional(),
      cvssMetricV2: z.array(metricSchema).optional(),
    })
    .optional(),
  weaknesses: z.array(z.object({ description: z.array(textSchema) })).optional(),
});
type RawCve = z.infer<typeof cveSchema>;

const pageSchema = z.object({
  format: z.literal('NVD_CVE', { error: 'must be NVD_CVE' }),
  version: z.string().regex(/^2\.\d+$/, 'must be 2.x (the CVE API 2.0 schema)'),
  timestamp: nvdTime,
  resultsPerPage: z.number().int().nonnegative(),
  startIndex: z.number().int().nonnegative(),
  totalResults: z.number().int().nonnegative(),
});

function parsed<T>(source: string, where: string, schema: z.ZodType<T>, raw: unknown): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw invalid(source, `${where}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is not valid'}`.trim());
}

/**
 * Our calculator's score for the vector (null for v2, which has none); throws CvssVectorError
 * when the vector does not parse or is of another version than its metric says.
 */
function computedScore(version: CvssVersion, vector: string): number | null {
  switch (version) {
    case '2.0':
      if (!CVSS2_VECTOR.test(vector))
        throw new CvssVectorError('malformed_metric', 'not a CVSS v2 base vector (AV:_/AC:_/Au:_/C:_/I:_/A:_)');
      return null;
    case '3.0':
    case '3.1': {
      const score = scoreCvss3(vector);
      if (score.version !== version)
        throw new CvssVectorError('bad_prefix', `a CVSS ${version} metric holds a CVSS ${score.version} vector`);
      return score.base;
    }
    case '4.0':
      // With threat or environmental metrics set, this is CVSS-BT/-BE/-BTE: what the vector says.
      return scoreCvss4(vector).score;
  }
}

function summaryOf(descriptions: RawCve['descriptions']): string {
  const english = descriptions.find((text) => /^en\b/i.test(text.lang))?.value ?? '';
  const summary = english.replace(/\s+/g, ' ').trim();
  if (summary.length <= SUMMARY_MAX) return summary;
  let end = SUMMARY_MAX - 1;
  // Never split a surrogate pair (an emoji, a CJK extension character) in two.
  if (/[\uD800-\uDBFF]/.test(summary.charAt(end - 1))) end -= 1;
  return `${summary.slice(0, end).trimEnd()}…`;
}

/** By code unit, as SQLite's BINARY collation sorts (localeCompare would not, for `_` and case). */
const compare = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
/** Newest version first, Primary before Secondary, then by source: the order the store gives them back in. */
const byMetricOrder = (a: CvssMetric, b: CvssMetric): number =>
  compare(b.version, a.version) || compare(a.type, b.type) || compare(a.source, b.source);

/**
 * A copy of a string the tokenizer cut from its input. V8 keeps a substring of 13 characters or
 * more as a slice of its parent, here a whole 64 KB chunk of the file: records holding such
 * slices would keep every chunk alive (a 74 MB page of 40,000 records held 200 MB, not 40).
 */
const own = (text: string): string => JSON.parse(JSON.stringify(text)) as string;

/** What the records of one file share: owned copies of repeated strings, scores by vector, mismatches. */
function createContext(source: string) {
  const strings = new Map<string, string>();
  // A year repeats a few thousand vectors across tens of thousands of metrics.
  const scores = new Map<string, number | null>();
  const mismatches: ScoreMismatch[] = [];
  const intern = (text: string): string => {
    let kept = strings.get(text);
    if (kept === undefined) {
      kept = own(text);
      strings.set(kept, kept);
    }
    return kept;
  };
  const scoreOf = (where: string, version: CvssVersion, vector: string): number | null => {
    const key = `${version} ${vector}`;
    let computed = scores.get(key);
    if (computed !== undefined) return computed;
    try {
      computed = computedScore(version, vector);
    } catch (error) {
      if (!(error instanceof CvssVectorError)) throw error;
      throw invalid(source, `${where}: CVSS ${version} vector "${vector}" does not parse: ${error.message}`);
    }
    scores.set(key, computed);
    return computed;
  };
  return { source, mismatches, intern, scoreOf };
}
type Context = ReturnType<typeof createContext>;

/** One record, its vectors checked; a stated score our calculator does not reproduce is kept and reported. */
function toRecord(context: Context, where: string, cve: RawCve): CveRecord {
  const { intern } = context;
  const id = own(cve.id);
  const cvss: CvssMetric[] = [];
  const seen = new Set<string>();
  for (const [list, version] of Object.entries(METRIC_LISTS) as [keyof typeof METRIC_LISTS, CvssVersion][]) {
    for (const [index, metric] of (cve.metrics?.[list] ?? []).entries()) {
      const at = `${where}: metrics.${list}.${String(index)}`;
      if (metric.cvssData.version !== version)
        throw invalid(context.source, `${at}: a ${list} metric says it is version ${metric.cvssData.version}`);
      const vector = intern(metric.cvssData.vectorString);
      const source = intern(metric.source);
      const score = metric.cvssData.baseScore;
      const computed = context.scoreOf(at, version, vector);
      // NVD is the source: its score stands, and the difference is reported, not refused.
      if (computed !== null && Math.abs(computed - score) > 0.05)
        context.mismatches.push({ cve: id, source, version, vector, stated: score, computed });
      // One metric per source and version, the store's key: NVD lists each once; a repeat keeps the first.
      const key = `${source} ${version}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const severity = metric.cvssData.baseSeverity ?? metric.baseSeverity;
      cvss.push({ version, vector, score, severity: severity ? intern(severity) : null, source, type: metric.type });
    }
  }
  const cwes = (cve.weaknesses ?? []).flatMap((weakness) => weakness.description.map((text) => text.value));
  return {
    id,
    published: isoOf(cve.published),
    modified: isoOf(cve.lastModified),
    status: intern(cve.vulnStatus),
    summary: own(summaryOf(cve.descriptions)),
    cvss: cvss.sort(byMetricOrder),
    cwes: [...new Set(cwes.filter((cwe) => CWE_ID.test(cwe)).map(intern))].sort(),
  };
}

/**
 * Follows the token stream of one JSON object: each element of its `vulnerabilities` list is
 * assembled alone and handed on, so memory holds one record at a time; every other top-level
 * value (the page's counts and dates, or a bare record's fields) is kept, in whatever order.
 */
function createWalker(source: string, onRecord: (raw: unknown, index: number) => void) {
  const top = new Map<string, unknown>();
  let depth = 0;
  let key: string | null = null;
  let inList = false;
  let index = 0;
  let sawList = false;
  let value = new Assembler();
  return {
    top,
    /** Whether a `vulnerabilities` list was read (and not some other value under that name). */
    sawList: (): boolean => sawList,
    push(token: Token): void {
      const before = depth;
      if (token.name === 'startObject' || token.name === 'startArray') {
        depth += 1;
        if (depth > MAX_DEPTH) throw invalid(source, `nests deeper than ${String(MAX_DEPTH)} levels; not an NVD file`);
      } else if (token.name === 'endObject' || token.name === 'endArray') depth -= 1;
      if (before === 0) {
        if (token.name !== 'startObject') throw invalid(source, 'not a JSON object, which an NVD page or record is');
        return;
      }
      if (depth === 0) return;
      if (before === 1 && token.name === 'keyValue') {
        key = token.value;
        return;
      }
      if (before === 1 && key === 'vulnerabilities' && token.name === 'startArray') {
        inList = true;
        sawList = true;
        return;
      }
      if (inList && before === 2 && token.name === 'endArray') {
        inList = false;
        return;
      }
      value.consume(token);
      // A value is complete when the stream is back at the level it started on.
      if (depth !== (inList ? 2 : 1)) return;
      if (inList) onRecord(value.current, index++);
      else if (key !== null) top.set(key, value.current);
      value = new Assembler();
    },
  };
}

const idOf = (raw: unknown): string | null => {
  const cve = (raw as { cve?: { id?: unknown } } | null)?.cve;
  return typeof cve?.id === 'string' ? cve.id.slice(0, 40) : null;
};

/** The page's own account of how many records it holds must match what was read. */
function checkPage(source: string, page: z.infer<typeof pageSchema>, count: number): void {
  const { resultsPerPage, startIndex, totalResults } = page;
  // The last page of a query may hold fewer than resultsPerPage: what remains after startIndex.
  const expected = Math.max(0, Math.min(resultsPerPage, totalResults - startIndex));
  if (count !== expected)
    throw invalid(
      source,
      `the page says it holds ${String(expected)} records (resultsPerPage ${String(resultsPerPage)}, totalResults ` +
        `${String(totalResults)} from startIndex ${String(startIndex)}) but has ${String(count)}; cut short or edited`,
    );
}

type Tokenizer = ReturnType<typeof jsonParser>;
/** stream-json flushes a stage by calling it with stream-chain's `none`, which its type does not admit. */
const flush = (tokenize: Tokenizer): ReturnType<Tokenizer> =>
  (tokenize as (input: string | typeof none) => ReturnType<Tokenizer>)(none);

/**
 * Reads an NVD CVE API 2.0 page or record from its bytes. Every record is validated (a vector
 * that does not parse refuses the file); a page's counts must match what it holds, and a file
 * cut short is refused. The data's date is the page's timestamp, or a bare record's lastModified.
 */
export async function parseNvd(source: string, input: AsyncIterable<Buffer | string>): Promise<NvdData> {
  const records: CveRecord[] = [];
  const ids = new Set<string>();
  const context = createContext(source);
  const add = (where: string, cve: RawCve): CveRecord => {
    if (ids.has(cve.id)) throw invalid(source, `${where}: ${cve.id} is listed twice`);
    const record = toRecord(context, where, cve);
    ids.add(record.id);
    records.push(record);
    return record;
  };
  const listItem = z.object({ cve: cveSchema });
  const walker = createWalker(source, (raw, index) => {
    const id = idOf(raw);
    const where = `record ${String(index + 1)}${id ? ` (${id})` : ''}`;
    add(where, parsed(source, where, listItem, raw).cve);
  });

  // The tokenizer without stream-json's own UTF-8 front, which would turn bad bytes into U+FFFD
  // silently; called directly rather than through a stream (2-3x faster on a 74 MB page), and
  // flushed at the end, which is where it notices a file cut short: stream-chain's core `chain`
  // never flushes, so a file cut short would pass through it unnoticed.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const tokenize = jsonParser({ streamValues: false });
  const feed = (run: () => ReturnType<Tokenizer>): void => {
    let tokens: ReturnType<Tokenizer>;
    try {
      tokens = run();
    } catch (error) {
      throw invalid(source, `not valid JSON, perhaps cut short (${(error as Error).message})`);
    }
    if (tokens !== none) for (const token of tokens.values) walker.push(token);
  };
  const decode = (bytes?: Buffer): string => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      throw new AppError('feed_invalid', `${source} is not UTF-8 text`);
    }
  };
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decode(chunk);
    feed(() => tokenize(text));
  }
  const tail = decode();
  feed(() => tokenize(tail));
  feed(() => flush(tokenize));

  const { top } = walker;
  if (top.has('format') || top.has('vulnerabilities')) {
    const page = parsed(source, 'not an NVD CVE API page', pageSchema, Object.fromEntries(top));
    if (!walker.sawList()) throw invalid(source, 'the page has no vulnerabilities list');
    checkPage(source, page, records.length);
    return { records, dataDate: isoOf(page.timestamp), version: page.version, scoreMismatches: context.mismatches };
  }
  if (!top.has('cve') && !top.has('id'))
    throw invalid(source, 'not an NVD CVE API 2.0 page or record (no format, vulnerabilities, cve or id)');
  // One record alone, bare or as `{cve: …}`: its own lastModified is the data's date.
  const raw = top.has('cve') ? top.get('cve') : Object.fromEntries(top);
  const record = add('the record', parsed(source, 'the record', cveSchema, raw));
  return { records, dataDate: record.modified, version: null, scoreMismatches: context.mismatches };
}

/**
 * Whether a file's first 4 KB look like NVD CVE API 2.0 JSON: a page (`"format": "NVD_CVE"`), a
 * `{"cve": {"id": "CVE-…"` element, or a bare record, which has NVD's own `vulnStatus` or
 * `sourceIdentifier` beside its id (an OSV record has neither; a CVE JSON 5 record says `cveId`).
 */
export function isNvdHead(head: string): boolean {
  const text = head
    .slice(0, 4096)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (!text.startsWith('{')) return false;
  if (/"format"\s*:\s*"NVD_CVE"/.test(text)) return true;
  if (/^\{\s*"cve"\s*:\s*\{\s*"id"\s*:\s*"CVE-\d{4}-\d{4,}"/.test(text)) return true;
  return /"id"\s*:\s*"CVE-\d{4}-\d{4,}"/.test(text) && /"(vulnStatus|sourceIdentifier)"\s*:/.test(text);
}
