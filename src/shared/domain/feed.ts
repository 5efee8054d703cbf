import { z } from 'zod';

/** The feeds Patchwise imports, in the order the app lists them. */
export const FEED_NAMES = ['kev', 'epss', 'nvd', 'osv', 'debian-tracker', 'csaf', 'updateinfo', 'msrc'] as const;
export type FeedName = (typeof FEED_NAMES)[number];

export const FEED_TITLES: Readonly<Record<FeedName, string>> = {
  kev: 'CISA Known Exploited Vulnerabilities',
  epss: 'EPSS scores',
  osv: 'OSV advisories (Debian, AlmaLinux, Rocky Linux)',
  'debian-tracker': 'Debian security tracker',
  nvd: 'NVD CVE records (CVSS)',
  csaf: 'Red Hat CSAF advisories and VEX',
  updateinfo: 'Repository updateinfo (errata)',
  msrc: 'Microsoft security updates (MSRC CVRF)',
};

/** One feed as it stands: where its data came from and how old the data itself is. */
export const feedStatusSchema = z.object({
  name: z.enum(FEED_NAMES),
  title: z.string(),
  /** The file it was imported from (its name, not its path), its format and checksum. */
  source: z.string(),
  format: z.string(),
  sha256: z.string(),
  records: z.number().int().nonnegative(),
  /** The data's own date (KEV's release, EPSS's score date), as ISO 8601. */
  dataDate: z.string(),
  version: z.string().nullable(),
  importedAt: z.string(),
  importedBy: z.string(),
  /** Whole days between the data's date and now. */
  ageDays: z.number().int(),
  /** Older than the site's feed age limit (settings). */
  stale: z.boolean(),
});
export type FeedStatus = z.infer<typeof feedStatusSchema>;

export const feedImportResultSchema = z.object({
  name: z.enum(FEED_NAMES),
  source: z.string(),
  format: z.string(),
  records: z.number().int().nonnegative(),
  dataDate: z.string(),
  /** unchanged: the same file (by checksum) is already the feed's current data. */
  status: z.enum(['imported', 'unchanged']),
  /** What the file held that was read past and left out, in words (a CSAF product id it never defines). */
  notes: z.array(z.string()),
});
export type FeedImportResult = z.infer<typeof feedImportResultSchema>;

/** One entry of CISA's Known Exploited Vulnerabilities catalog, as Patchwise keeps it. */
export interface KevEntry {
  cve: string;
  vendor: string;
  product: string;
  name: string;
  dateAdded: string;
  dueDate: string;
  /** CISA's knownRansomwareCampaignUse: "Known" or "Unknown". */
  ransomware: 'known' | 'unknown';
  requiredAction: string;
}

/** A CVE's EPSS score: the probability of exploitation in the next 30 days, and its percentile. */
export interface EpssScore {
  cve: string;
  probability: number;
  percentile: number;
}
