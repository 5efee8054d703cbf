import { z } from 'zod';
import type { KevEntry } from '../../shared/domain/feed';
import { AppError } from '../../shared/result';
import { readCsv } from '../text/csv';
import type { FeedData } from './feed-data';

export const CVE_ID = /^CVE-\d{4}-\d{4,}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const entrySchema = z.object({
  cveID: z.string().regex(CVE_ID, 'cveID must look like CVE-2024-12345'),
  vendorProject: z.string(),
  product: z.string(),
  vulnerabilityName: z.string(),
  dateAdded: z.string().regex(DAY, 'dateAdded must be a date (YYYY-MM-DD)'),
  // 3 entries of the real catalog are due before they were added; that is CISA's data, kept as is.
  dueDate: z.string().regex(DAY, 'dueDate must be a date (YYYY-MM-DD)'),
  knownRansomwareCampaignUse: z.enum(['Known', 'Unknown'], {
    error: 'knownRansomwareCampaignUse must be Known or Unknown',
  }),
  requiredAction: z.string(),
});

const catalogSchema = z.object({
  catalogVersion: z.string(),
  dateReleased: z.iso.datetime({ offset: true, error: 'dateReleased must be an ISO 8601 date and time' }),
  count: z.number().int().nonnegative(),
  vulnerabilities: z.array(z.unknown()),
});

const invalid = (source: string, message: string): AppError => new AppError('feed_invalid', `${source}: ${message}`);

function toEntry(source: string, where: string, raw: unknown): KevEntry {
  const parsed = entrySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(source, `${where}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is not a KEV entry'}`.trim());
  }
  const entry = parsed.data;
  return {
    cve: entry.cveID,
    vendor: entry.vendorProject,
    product: entry.product,
    name: entry.vulnerabilityName,
    dateAdded: entry.dateAdded,
    dueDate: entry.dueDate,
    ransomware: entry.knownRansomwareCampaignUse === 'Known' ? 'known' : 'unknown',
    requiredAction: entry.requiredAction,
  };
}

function unique(source: string, entries: KevEntry[]): KevEntry[] {
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.cve)) throw invalid(source, `${entry.cve} is listed twice`);
    seen.add(entry.cve);
  }
  return entries;
}

/** The catalog's JSON edition; its `count` must match, which also catches a file cut short at an entry boundary. */
export function parseKevJson(source: string, text: string): FeedData<KevEntry> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalid(source, `not valid JSON, perhaps cut short (${(error as Error).message})`);
  }
  const catalog = catalogSchema.safeParse(json);
  if (!catalog.success) {
    const issue = catalog.error.issues[0];
    throw invalid(source, `not a KEV catalog: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  const { vulnerabilities, count, catalogVersion, dateReleased } = catalog.data;
  if (vulnerabilities.length !== count)
    throw invalid(
      source,
      `the catalog says it holds ${String(count)} entries but has ${String(vulnerabilities.length)}`,
    );
  const records = vulnerabilities.map((raw, index) => toEntry(source, `entry ${String(index + 1)}`, raw));
  return { records: unique(source, records), dataDate: new Date(dateReleased).toISOString(), version: catalogVersion };
}

const CSV_COLUMNS = [
  'cveID',
  'vendorProject',
  'product',
  'vulnerabilityName',
  'dateAdded',
  'shortDescription',
  'requiredAction',
  'dueDate',
  'knownRansomwareCampaignUse',
  'notes',
  'cwes',
] as const;

/**
 * The catalog's CSV edition. It carries no release date, so the data's date is the newest
 * dateAdded: the catalog is at least that recent. A cut-short file ends in a row with missing
 * columns or an unclosed quote, both refused.
 */
export function parseKevCsv(source: string, text: string): FeedData<KevEntry> {
  const { records, errors } = readCsv(text);
  const first = errors[0];
  if (first) throw invalid(source, `line ${String(first.line)}: ${first.message}`);
  const [header, ...rows] = records;
  const missing = CSV_COLUMNS.filter((column) => !header?.fields.includes(column));
  if (!header || missing.length > 0) throw invalid(source, `not a KEV CSV: missing columns ${missing.join(', ')}`);
  const entries = rows.map((row) => {
    if (row.fields.length !== header.fields.length)
      throw invalid(
        source,
        `line ${String(row.line)}: ${String(row.fields.length)} columns where the header has ${String(header.fields.length)} (cut short?)`,
      );
    const raw = Object.fromEntries(header.fields.map((column, index) => [column, row.fields[index]]));
    return toEntry(source, `line ${String(row.line)}`, raw);
  });
  if (entries.length === 0) throw invalid(source, 'the catalog has no entries');
  const newest = entries.reduce((max, entry) => (entry.dateAdded > max ? entry.dateAdded : max), '');
  return { records: unique(source, entries), dataDate: `${newest}T00:00:00.000Z`, version: null };
}
