/**
 * The rollout journal: a rollout (the plan and policy it runs, frozen when it starts), its rings
 * and batches, each host's place in the host state machine, and one row per attempt of a step.
 * Steps are written ahead: `started` in one transaction before the host is touched, `ok` or
 * `failed` in another after, so a crash leaves an open record that start-up reconciles.
 * Hosts are kept by name, as the plan names them: the journal outlives hosts removed later.
 */
export const sql = `
CREATE TABLE rollout (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  plan          TEXT NOT NULL CHECK (json_valid(plan)),
  policy        TEXT NOT NULL CHECK (json_valid(policy)),
  graph_version INTEGER NOT NULL CHECK (graph_version >= 0),
  status        TEXT NOT NULL
    CHECK (status IN ('awaiting-approval', 'running', 'paused', 'halted', 'cancelled', 'done')),
  reason        TEXT,
  resume_to     TEXT CHECK (resume_to IN ('running', 'awaiting-approval', 'halted', 'cancelled')),
  resume_reason TEXT,
  ring_index    INTEGER NOT NULL CHECK (ring_index >= 0),
  batch_index   INTEGER NOT NULL CHECK (batch_index >= 0),
  created_by    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  finished_at   TEXT,
  CHECK ((status = 'paused') = (resume_to IS NOT NULL))
) STRICT;

CREATE INDEX rollout_unfinished ON rollout (id) WHERE finished_at IS NULL;

CREATE TABLE rollout_ring (
  rollout_id  INTEGER NOT NULL REFERENCES rollout (id) ON DELETE CASCADE,
  ring_index  INTEGER NOT NULL CHECK (ring_index >= 0),
  name        TEXT NOT NULL,
  approval    INTEGER NOT NULL CHECK (approval IN (0, 1)),
  approved_by TEXT,
  approved_at TEXT,
  PRIMARY KEY (rollout_id, ring_index)
) STRICT;

CREATE TABLE rollout_batch (
  rollout_id  INTEGER NOT NULL,
  ring_index  INTEGER NOT NULL,
  batch_index INTEGER NOT NULL CHECK (batch_index >= 0),
  canary      INTEGER NOT NULL CHECK (canary IN (0, 1)),
  state       TEXT NOT NULL CHECK (state IN ('pending', 'running', 'finished', 'stopped')),
  failures    INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
  started_at  TEXT,
  finished_at TEXT,
  PRIMARY KEY (rollout_id, ring_index, batch_index),
  FOREIGN KEY (rollout_id, ring_index) REFERENCES rollout_ring (rollout_id, ring_index) ON DELETE CASCADE
) STRICT;

CREATE TABLE rollout_host (
  rollout_id  INTEGER NOT NULL,
  host        TEXT NOT NULL,
  ring_index  INTEGER NOT NULL,
  batch_index INTEGER NOT NULL,
  phase       TEXT NOT NULL CHECK (phase IN ('pending', 'active', 'done', 'rolled-back', 'failed', 'skipped')),
  step        TEXT CHECK (step IN
    ('precheck', 'drain', 'record', 'patch', 'restart', 'reboot', 'verify', 'rollback', 'reverify', 'undrain')),
  path        TEXT CHECK (path IN ('forward', 'abort', 'rollback')),
  drained     INTEGER NOT NULL CHECK (drained IN (0, 1)),
  reason      TEXT,
  pre_state   TEXT CHECK (pre_state IS NULL OR json_valid(pre_state)),
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (rollout_id, host),
  FOREIGN KEY (rollout_id, ring_index, batch_index)
    REFERENCES rollout_batch (rollout_id, ring_index, batch_index) ON DELETE CASCADE,
  CHECK ((phase = 'active') = (step IS NOT NULL AND path IS NOT NULL)),
  CHECK (drained = 0 OR phase IN ('active', 'failed'))
) STRICT;

CREATE TABLE rollout_step (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  rollout_id     INTEGER NOT NULL,
  host           TEXT NOT NULL,
  step           TEXT NOT NULL CHECK (step IN
    ('precheck', 'drain', 'record', 'patch', 'restart', 'reboot', 'verify', 'rollback', 'reverify', 'undrain')),
  attempt        INTEGER NOT NULL CHECK (attempt >= 1),
  state          TEXT NOT NULL CHECK (state IN ('started', 'ok', 'failed')),
  reason         TEXT,
  output_digest  TEXT CHECK (output_digest IS NULL OR length(output_digest) = 64),
  output_excerpt TEXT CHECK (output_excerpt IS NULL OR length(output_excerpt) <= 4000),
  started_at     TEXT NOT NULL,
  finished_at    TEXT,
  UNIQUE (rollout_id, host, step, attempt),
  FOREIGN KEY (rollout_id, host) REFERENCES rollout_host (rollout_id, host) ON DELETE CASCADE,
  CHECK ((state = 'started') = (finished_at IS NULL))
) STRICT;

CREATE INDEX rollout_step_open ON rollout_step (rollout_id) WHERE state = 'started';
`;
