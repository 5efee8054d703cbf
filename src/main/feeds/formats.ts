import { AppError } from '../../shared/result';

export type FeedFormat = 'kev-json' | 'kev-csv' | 'epss-csv' | 'osv-json' | 'debian-tracker-json';

/**
 * Which format a file is, from its first lines rather than its name: files arrive renamed on
 * USB sticks. Anything unrecognised is refused with the list of what is read.
 */
export function detectFormat(source: string, text: string): FeedFormat {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  const firstLine = head.split(/\r?\n/, 1)[0]?.trim() ?? '';
  if (head.trimStart().startsWith('{') && head.includes('"catalogVersion"')) return 'kev-json';
  // The tracker: { "source package": { "CVE-…" or "TEMP-…": { … } } }.
  if (/^\s*\{\s*"[^"]+"\s*:\s*\{\s*"(CVE|TEMP)-\d/.test(head)) return 'debian-tracker-json';
  if (head.trimStart().startsWith('{') && /"modified"\s*:/.test(head) && /"(affected|schema_version)"\s*:/.test(head))
    return 'osv-json';
  if (firstLine.startsWith('cveID,vendorProject,')) return 'kev-csv';
  if (firstLine.startsWith('#model_version:') || firstLine === 'cve,epss,percentile') return 'epss-csv';
  throw new AppError(
    'feed_invalid',
    `${source}: not a feed format Patchwise reads; it reads CISA KEV (JSON or CSV), EPSS (CSV, plain or .gz), OSV records (JSON) and the Debian security tracker (JSON)`,
  );
}
