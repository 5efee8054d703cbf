/**
 * Risk exceptions: an admin accepts a risk (it will not be fixed) or defers it (not yet), for
 * one fix, with an owner, a reason and an expiry. An exception hides the fix from the queue
 * until it expires or is revoked; both the exception and its end are audited.
 */
export const sql = `
CREATE TABLE risk_exception (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  fix         TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('accept', 'defer')),
  owner       TEXT NOT NULL,
  reason      TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  revoked_at  TEXT,
  revoked_by  TEXT
) STRICT;
CREATE INDEX risk_exception_by_fix ON risk_exception (fix);
`;
