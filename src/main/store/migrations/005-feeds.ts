/**
 * Vulnerability feeds imported from files. Every import that changed something is recorded
 * (source file, checksum, record count, the data's own date); `feed` points at the import each
 * feed's current data came from. KEV and EPSS are whole snapshots: an import replaces the table
 * in the same transaction that records it, so a failed import leaves the previous data as it was.
 */
export const sql = `
CREATE TABLE feed_import (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  feed         TEXT NOT NULL CHECK (feed IN ('kev', 'epss', 'osv', 'debian-tracker', 'nvd', 'csaf', 'updateinfo', 'msrc')),
  format       TEXT NOT NULL,
  source       TEXT NOT NULL,
  sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
  bytes        INTEGER NOT NULL CHECK (bytes >= 0),
  records      INTEGER NOT NULL CHECK (records >= 0),
  data_date    TEXT NOT NULL,
  version      TEXT,
  imported_at  TEXT NOT NULL,
  imported_by  TEXT NOT NULL
) STRICT;

CREATE TABLE feed (
  name       TEXT PRIMARY KEY CHECK (name IN ('kev', 'epss', 'osv', 'debian-tracker', 'nvd', 'csaf', 'updateinfo', 'msrc')),
  import_id  INTEGER NOT NULL REFERENCES feed_import (id)
) STRICT;

CREATE TABLE kev (
  cve                 TEXT PRIMARY KEY,
  vendor              TEXT NOT NULL,
  product             TEXT NOT NULL,
  name                TEXT NOT NULL,
  date_added          TEXT NOT NULL,
  due_date            TEXT NOT NULL,
  ransomware          TEXT NOT NULL CHECK (ransomware IN ('known', 'unknown')),
  required_action     TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE epss (
  cve          TEXT PRIMARY KEY,
  probability  REAL NOT NULL CHECK (probability BETWEEN 0 AND 1),
  percentile   REAL NOT NULL CHECK (percentile BETWEEN 0 AND 1)
) STRICT, WITHOUT ROWID;
`;
