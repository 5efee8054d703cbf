/** The first schema: site settings, hosts, and the hash-chained audit log. */
export const sql = `
CREATE TABLE site_setting (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value))
) STRICT;

CREATE TABLE host (
  id             INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: audit entries name hosts by id
  name           TEXT NOT NULL COLLATE NOCASE UNIQUE,
  address        TEXT NOT NULL COLLATE NOCASE,
  port           INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
  os_family      TEXT NOT NULL CHECK (os_family IN ('unknown', 'debian', 'rhel', 'windows')),
  login_user     TEXT NOT NULL,
  auth_method    TEXT NOT NULL CHECK (auth_method IN ('key', 'agent', 'password')),
  credential_ref TEXT,
  tags           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
  environment    TEXT NOT NULL,
  ring           TEXT NOT NULL CHECK (ring IN ('test', 'non-critical', 'important', 'critical')),
  criticality    TEXT NOT NULL CHECK (criticality IN ('low', 'medium', 'high', 'critical')),
  exposure       TEXT NOT NULL CHECK (exposure IN ('internet-facing', 'internal', 'isolated')),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  UNIQUE (address, port)
) STRICT;

CREATE TABLE audit_entry (
  seq           INTEGER PRIMARY KEY,
  at            TEXT NOT NULL,
  actor         TEXT NOT NULL,
  action        TEXT NOT NULL,
  target        TEXT NOT NULL,
  hosts         TEXT NOT NULL CHECK (json_valid(hosts)),
  details       TEXT NOT NULL CHECK (json_valid(details)),
  output_digest TEXT,
  prev_hash     TEXT NOT NULL,
  hash          TEXT NOT NULL
) STRICT;

-- Credentials by reference name, encrypted by the platform keystore before they get here.
CREATE TABLE secret (
  ref        TEXT PRIMARY KEY,
  ciphertext BLOB NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- The newest entry's hash and number, kept apart so that removing entries from the end of the
-- chain is noticed too.
CREATE TABLE audit_head (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  INTEGER NOT NULL,
  hash TEXT NOT NULL
) STRICT;

-- Append-only: the app never edits or deletes entries. Someone with the file can drop these
-- triggers; the hash chain is what catches that.
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END;
CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END;
`;
