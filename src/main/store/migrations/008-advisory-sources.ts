/**
 * Advisories from two more feeds: Red Hat's CSAF advisories and VEX files (`csaf`) and
 * repository `updateinfo.xml` (`updateinfo`). SQLite cannot widen a CHECK in place, so the three
 * advisory tables are rebuilt and their rows copied: children first into new tables, the old
 * ones dropped child-first (so no cascade fires), then the new ones renamed into place, which
 * also repoints the children's foreign keys.
 */
export const sql = `
CREATE TABLE advisory_next (
  id         TEXT PRIMARY KEY,
  source     TEXT NOT NULL CHECK (source IN ('osv', 'debian-tracker', 'csaf', 'updateinfo')),
  summary    TEXT NOT NULL,
  severity   TEXT,
  published  TEXT,
  modified   TEXT NOT NULL,
  withdrawn  TEXT,
  import_id  INTEGER NOT NULL REFERENCES feed_import (id)
) STRICT, WITHOUT ROWID;
INSERT INTO advisory_next SELECT id, source, summary, severity, published, modified, withdrawn, import_id FROM advisory;

CREATE TABLE advisory_cve_next (
  advisory_id  TEXT NOT NULL REFERENCES advisory_next (id) ON DELETE CASCADE,
  cve          TEXT NOT NULL,
  PRIMARY KEY (advisory_id, cve)
) STRICT, WITHOUT ROWID;
INSERT INTO advisory_cve_next SELECT advisory_id, cve FROM advisory_cve;

CREATE TABLE advisory_package_next (
  advisory_id    TEXT NOT NULL REFERENCES advisory_next (id) ON DELETE CASCADE,
  ecosystem      TEXT NOT NULL,
  name           TEXT NOT NULL,
  introduced     TEXT NOT NULL,
  fixed          TEXT,
  last_affected  TEXT,
  status         TEXT NOT NULL CHECK (status IN ('affected', 'not-affected', 'wont-fix')),
  PRIMARY KEY (advisory_id, ecosystem, name, introduced)
) STRICT, WITHOUT ROWID;
INSERT INTO advisory_package_next
  SELECT advisory_id, ecosystem, name, introduced, fixed, last_affected, status FROM advisory_package;

DROP TABLE advisory_cve;
DROP TABLE advisory_package;
DROP TABLE advisory;
ALTER TABLE advisory_next RENAME TO advisory;
ALTER TABLE advisory_cve_next RENAME TO advisory_cve;
ALTER TABLE advisory_package_next RENAME TO advisory_package;

CREATE INDEX advisory_cve_by_cve ON advisory_cve (cve);
CREATE INDEX advisory_package_by_name ON advisory_package (ecosystem, name);
CREATE INDEX advisory_by_source ON advisory (source);
`;
