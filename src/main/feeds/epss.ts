import type { EpssScore } from '../../shared/domain/feed';
import { AppError } from '../../shared/result';
import type { FeedData } from './feed-data';
import { CVE_ID } from './kev';

const invalid = (source: string, message: string): AppError => new AppError('feed_invalid', `${source}: ${message}`);

// #model_version:v2023.03.01,score_date:2025-02-20T00:00:00+0000  (older files: +0000; newer: Z)
const COMMENT = /^#model_version:([^,\s]+),score_date:(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(Z|[+-]\d{2}:?\d{2})$/;
// FIRST names its files epss_scores-YYYY-MM-DD.csv(.gz): the date of files without the comment line.
const FILE_DATE = /(\d{4}-\d{2}-\d{2})/;
// Decimal or scientific notation (4e-05), nothing else that Number() would take (0x1, Infinity).
const SCORE = /^\d*\.?\d+(?:[eE][-+]?\d+)?$/;

function scoreDate(source: string, stamp: string, zone: string): string {
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const date = new Date(`${stamp}${offset}`);
  if (Number.isNaN(date.getTime())) throw invalid(source, `score_date ${stamp}${zone} is not a real date`);
  return date.toISOString();
}

function number(source: string, line: number, what: string, text: string): number {
  const value = Number(text);
  if (!SCORE.test(text) || !(value >= 0 && value <= 1))
    throw invalid(source, `line ${String(line)}: ${what} must be a number from 0 to 1, got "${text}"`);
  return value;
}

/**
 * FIRST's daily EPSS CSV: an optional `#model_version…,score_date…` line, the header
 * `cve,epss,percentile`, then one row per CVE. Every row is checked; a file cut short mid-row
 * fails on that row, and one cut at a row boundary cannot be told apart from a complete file,
 * which is why the importer records the checksum the admin can compare with the source's.
 */
export function parseEpss(source: string, text: string): FeedData<EpssScore> {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  let index = 0;
  let version: string | null = null;
  let dataDate: string | null = null;
  const comment = COMMENT.exec(lines[0] ?? '');
  if (comment) {
    version = comment[1] ?? null;
    dataDate = scoreDate(source, comment[2] ?? '', comment[3] ?? '');
    index = 1;
  } else if (lines[0]?.startsWith('#')) {
    throw invalid(source, `line 1: the comment line is not "#model_version:…,score_date:…": ${lines[0].slice(0, 80)}`);
  }
  if (lines[index]?.trim() !== 'cve,epss,percentile')
    throw invalid(source, `line ${String(index + 1)}: expected the header cve,epss,percentile`);
  if (dataDate === null) {
    const day = FILE_DATE.exec(source)?.[1];
    if (day === undefined)
      throw invalid(
        source,
        'has no score date: no #model_version line, and the file name has no date (epss_scores-YYYY-MM-DD.csv)',
      );
    dataDate = `${day}T00:00:00.000Z`;
  }
  const records: EpssScore[] = [];
  const seen = new Set<string>();
  for (let i = index + 1; i < lines.length; i++) {
    const line = i + 1;
    const fields = (lines[i] ?? '').split(',');
    const [cve = '', probability = '', percentile = ''] = fields;
    if (fields.length !== 3)
      throw invalid(source, `line ${String(line)}: expected 3 columns, got ${String(fields.length)} (cut short?)`);
    if (!CVE_ID.test(cve)) throw invalid(source, `line ${String(line)}: "${cve.slice(0, 40)}" is not a CVE id`);
    if (seen.has(cve)) throw invalid(source, `line ${String(line)}: ${cve} is listed twice`);
    seen.add(cve);
    records.push({
      cve,
      probability: number(source, line, 'epss', probability),
      percentile: number(source, line, 'percentile', percentile),
    });
  }
  if (records.length === 0) throw invalid(source, 'has no scores');
  return { records, dataDate, version };
}
