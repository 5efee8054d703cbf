/**
 * A distribution's advisory (or a vulnerability record) as Patchwise keeps it: the CVEs it
 * covers and, per package of an ecosystem, the version intervals it affects.
 */
export interface AdvisoryPackage {
  /** OSV's ecosystem: `Debian:12`, `Rocky Linux:9`, `AlmaLinux:9`. */
  ecosystem: string;
  /**
   * Debian: the source package; Red Hat family: the binary rpm, or the source rpm where the data
   * names only that (CSAF source rpms, VEX components): RHEL hosts are matched by both names.
   */
  name: string;
  introduced: string;
  /** The first version without the flaw; null when no fix is published. */
  fixed: string | null;
  /** The last affected version, when the record names that instead of a fix. */
  lastAffected: string | null;
  /**
   * affected: the interval is vulnerable (fixed, or not yet when `fixed` is null);
   * not-affected: the distribution says this release never was; wont-fix: it will not fix it.
   */
  status: 'affected' | 'not-affected' | 'wont-fix';
}

export interface Advisory {
  id: string;
  /**
   * Which feed it came from: OSV records, Debian's security tracker, Red Hat CSAF advisories and
   * VEX files, or a repository's updateinfo.xml.
   */
  source: 'osv' | 'debian-tracker' | 'csaf' | 'updateinfo';
  summary: string;
  /** The distribution's own rating (Critical, Important, Moderate, Low) where it gives one. */
  severity: string | null;
  published: string | null;
  modified: string;
  withdrawn: string | null;
  cves: string[];
  packages: AdvisoryPackage[];
}
