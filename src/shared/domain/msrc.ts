/** Microsoft's monthly security updates as Patchwise keeps them (from MSRC CVRF documents). */

/** A product of the month's product tree: `11923` is "Windows Server 2022". */
export interface MsrcProduct {
  id: string;
  name: string;
}

/** That installing one KB fixes one CVE on one product, with what MSRC says about it. */
export interface MsrcFix {
  cve: string;
  /** The KB article, digits only: `5034127`. */
  kb: string;
  productId: string;
  /** The KBs this one replaces (MSRC's "Supercedence"), digits only. */
  supersedes: string[];
  /** The OS build the update brings, `10.0.20348.2227`; null for updates that name none. */
  fixedBuild: string | null;
  /** MSRC's rating for this CVE on this product: Critical, Important, Moderate, Low. */
  severity: string | null;
  restartRequired: boolean | null;
  /** "Security Update", "Security Hotpatch Update", "Monthly Rollup", "Security Only" … */
  subType: string | null;
  /** Exploited in the wild, per MSRC's exploitability assessment; null when it does not say. */
  exploited: boolean | null;
}

/** A fix with the document and product name it came with, as the store hands it to matching. */
export interface MsrcProductFix extends MsrcFix {
  document: string;
  product: string;
}
