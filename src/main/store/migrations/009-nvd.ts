/**
 * CVEs from the NVD (CVE API 2.0 pages and yearly feed files): each CVE's dates, NVD's analysis
 * status and English summary, with the CVSS metrics and CWEs it carries. A CVE is upserted by
 * id, its metrics and CWEs replaced with it, so NVD arrives in pieces (a year, then the
 * modified feed) over time. The risk score reads one metric per CVE from `cve_cvss` by its key.
 */
export const sql = `
CREATE TABLE cve (
  id         TEXT PRIMARY KEY,
  published  TEXT NOT NULL,
  modified   TEXT NOT NULL,
  status     TEXT NOT NULL,
  summary    TEXT NOT NULL,
  import_id  INTEGER NOT NULL REFERENCES feed_import (id)
) STRICT, WITHOUT ROWID;

CREATE TABLE cve_cvss (
  cve       TEXT NOT NULL REFERENCES cve (id) ON DELETE CASCADE,
  version   TEXT NOT NULL CHECK (version IN ('2.0', '3.0', '3.1', '4.0')),
  vector    TEXT NOT NULL,
  score     REAL NOT NULL CHECK (score BETWEEN 0 AND 10),
  severity  TEXT,
  source    TEXT NOT NULL,
  type      TEXT NOT NULL CHECK (type IN ('Primary', 'Secondary')),
  PRIMARY KEY (cve, source, version)
) STRICT, WITHOUT ROWID;

CREATE TABLE cve_cwe (
  cve  TEXT NOT NULL REFERENCES cve (id) ON DELETE CASCADE,
  cwe  TEXT NOT NULL,
  PRIMARY KEY (cve, cwe)
) STRICT, WITHOUT ROWID;
`;
