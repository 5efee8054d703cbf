/**
 * Advisories from vulnerability records (OSV first): the CVEs each covers and, per package of
 * an ecosystem, the version intervals it affects. Records are upserted by id, a newer
 * `modified` replacing an older one, so a feed arrives in pieces (a folder, a bundle) over time.
 */
export const sql = `
CREATE TABLE advisory (
  id         TEXT PRIMARY KEY,
  source     TEXT NOT NULL CHECK (source IN ('osv', 'debian-tracker')),
  summary    TEXT NOT NULL,
  severity   TEXT,
  published  TEXT,
  modified   TEXT NOT NULL,
  withdrawn  TEXT,
  import_id  INTEGER NOT NULL REFERENCES feed_import (id)
) STRICT, WITHOUT ROWID;

CREATE TABLE advisory_cve (
  advisory_id  TEXT NOT NULL REFERENCES advisory (id) ON DELETE CASCADE,
  cve          TEXT NOT NULL,
  PRIMARY KEY (advisory_id, cve)
) STRICT, WITHOUT ROWID;
CREATE INDEX advisory_cve_by_cve ON advisory_cve (cve);

CREATE TABLE advisory_package (
  advisory_id    TEXT NOT NULL REFERENCES advisory (id) ON DELETE CASCADE,
  ecosystem      TEXT NOT NULL,
  name           TEXT NOT NULL,
  introduced     TEXT NOT NULL,
  fixed          TEXT,
  last_affected  TEXT,
  status         TEXT NOT NULL CHECK (status IN ('affected', 'not-affected', 'wont-fix')),
  PRIMARY KEY (advisory_id, ecosystem, name, introduced)
) STRICT, WITHOUT ROWID;
CREATE INDEX advisory_package_by_name ON advisory_package (ecosystem, name);
CREATE INDEX advisory_by_source ON advisory (source);
`;
