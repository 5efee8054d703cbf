/**
 * Jump hosts (ProxyJump by the name of another host), and the scan history: one row per run,
 * one per host in it. A host's inventory is kept as JSON for its latest successful scans only
 * (the scan repo prunes older ones); what changed between scans is kept for every scan.
 */
export const sql = `
ALTER TABLE host ADD COLUMN jump_host TEXT;

CREATE TABLE scan_run (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  trigger     TEXT NOT NULL CHECK (trigger IN ('manual', 'schedule', 'cli')),
  state       TEXT NOT NULL CHECK (state IN ('running', 'done', 'cancelled', 'interrupted')),
  started_at  TEXT NOT NULL,
  finished_at TEXT
) STRICT;

CREATE TABLE host_scan (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id        INTEGER NOT NULL REFERENCES scan_run (id) ON DELETE CASCADE,
  host_id       INTEGER NOT NULL REFERENCES host (id) ON DELETE CASCADE,
  host_name     TEXT NOT NULL,
  state         TEXT NOT NULL
    CHECK (state IN ('queued', 'connecting', 'collecting', 'ok', 'failed', 'cancelled')),
  started_at    TEXT,
  finished_at   TEXT,
  error_code    TEXT,
  error_message TEXT,
  inventory     TEXT,
  changes       TEXT,
  os_name       TEXT,
  package_count INTEGER,
  upgrade_count INTEGER,
  security_count INTEGER,
  reboot_required INTEGER,
  UNIQUE (run_id, host_id)
) STRICT;

CREATE INDEX host_scan_by_host ON host_scan (host_id, id DESC);
`;
