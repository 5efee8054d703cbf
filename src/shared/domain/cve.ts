/**
 * A CVE as the NVD describes it (CVE API 2.0 and its yearly data feeds): when it was published
 * and last changed, how far NVD's analysis has got, and the CVSS metrics the risk score reads.
 */

/** The CVSS versions NVD publishes metrics in: `cvssMetricV2`, `…V30`, `…V31`, `…V40`. */
export const CVSS_VERSIONS = ['2.0', '3.0', '3.1', '4.0'] as const;
export type CvssVersion = (typeof CVSS_VERSIONS)[number];

export interface CvssMetric {
  version: CvssVersion;
  /** As NVD writes it: `CVSS:3.1/AV:N/…`, or the prefix-less `AV:N/AC:L/Au:N/…` of v2. */
  vector: string;
  /** The base score NVD states (0-10), kept even where our calculator would say otherwise. */
  score: number;
  /** NVD's rating word as given (`MEDIUM`, `CRITICAL`); null when the metric has none. */
  severity: string | null;
  /** Who scored it: `nvd@nist.gov`, or the CNA's address (`cna@vuldb.com`). */
  source: string;
  /**
   * Primary: the score NVD stands behind (usually its own analyst's; sometimes a CNA's it has
   * adopted). Secondary: a CNA's or another party's, published alongside.
   */
  type: 'Primary' | 'Secondary';
}

export interface CveRecord {
  /** `CVE-2024-5732`. */
  id: string;
  /** ISO 8601, UTC. */
  published: string;
  /** NVD's `lastModified`, ISO 8601, UTC. */
  modified: string;
  /**
   * NVD's `vulnStatus`: Received, Awaiting Analysis, Undergoing Analysis, Analyzed, Modified,
   * Deferred, Rejected. A string rather than a union: NVD has added statuses before.
   */
  status: string;
  /** The English description, whitespace collapsed, cut to SUMMARY_MAX characters. */
  summary: string;
  cvss: CvssMetric[];
  /** `CWE-79`, … without NVD's placeholders (`NVD-CWE-noinfo`, `NVD-CWE-Other`). */
  cwes: string[];
}

export const SUMMARY_MAX = 1000;
