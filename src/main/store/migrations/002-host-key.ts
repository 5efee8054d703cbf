/** Pinned SSH host keys: one per host, trusted by an admin (or by `lab up` for lab hosts). */
export const sql = `
CREATE TABLE host_key (
  host_id     INTEGER PRIMARY KEY REFERENCES host (id) ON DELETE CASCADE,
  algorithm   TEXT NOT NULL,
  public_key  TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  pinned_at   TEXT NOT NULL,
  pinned_by   TEXT NOT NULL
) STRICT;
`;
