import { AppError } from '../../shared/result';
import { isCsafHead } from './csaf';
import { isMsrcHead } from './msrc';
import { isNvdHead } from './nvd';
import { isUpdateinfoHead } from './updateinfo';

export type FeedFormat =
  | 'kev-json'
  | 'kev-csv'
  | 'epss-csv'
  | 'nvd-json'
  | 'osv-json'
  | 'debian-tracker-json'
  | 'csaf-json'
  | 'updateinfo-xml'
  | 'msrc-cvrf';

/**
 * Which format a file is, from its first 4 KB rather than its name: files arrive renamed on USB
 * sticks. Anything unrecognised is refused with the list of what is read. CSAF goes before OSV:
 * both are JSON objects with dates, and only CSAF names its version.
 */
export function detectFormat(source: string, head: string): FeedFormat {
  const text = head.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0]?.trim() ?? '';
  const object = text.trimStart().startsWith('{');
  if (object && text.includes('"catalogVersion"')) return 'kev-json';
  if (isNvdHead(text)) return 'nvd-json';
  if (isCsafHead(text)) return 'csaf-json';
  // The tracker: { "source package": { "CVE-…" or "TEMP-…": { … } } }.
  if (/^\s*\{\s*"[^"]+"\s*:\s*\{\s*"(CVE|TEMP)-\d/.test(text)) return 'debian-tracker-json';
  if (object && /"modified"\s*:/.test(text) && /"(affected|schema_version)"\s*:/.test(text)) return 'osv-json';
  if (isUpdateinfoHead(text)) return 'updateinfo-xml';
  if (isMsrcHead(text)) return 'msrc-cvrf';
  if (firstLine.startsWith('cveID,vendorProject,')) return 'kev-csv';
  if (firstLine.startsWith('#model_version:') || firstLine === 'cve,epss,percentile') return 'epss-csv';
  throw new AppError(
    'feed_invalid',
    `${source}: not a feed format Patchwise reads; it reads CISA KEV (JSON or CSV), EPSS (CSV), NVD CVE API 2.0 ` +
      '(JSON), OSV records (JSON), the Debian security tracker (JSON), Red Hat CSAF advisories and VEX (JSON), ' +
      'repository updateinfo.xml and Microsoft MSRC CVRF (XML or JSON), each plain or gzipped, or bundled in .zip or .tar.gz',
  );
}
