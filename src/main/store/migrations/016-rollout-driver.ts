/**
 * Which process drives a rollout. The desktop app, `serve` and the CLI can open one data folder
 * at the same time; without this, two of them could run the same host's steps twice, or one
 * could close as interrupted the steps the other is running. A lease: its holder renews
 * `heartbeat_at` while it drives; one not renewed for a while, or whose process is gone from this
 * machine, may be taken over.
 */
export const sql = `
CREATE TABLE rollout_driver (
  rollout_id   INTEGER PRIMARY KEY REFERENCES rollout (id),
  owner        TEXT NOT NULL,
  pid          INTEGER NOT NULL CHECK (pid > 0),
  machine      TEXT NOT NULL,
  heartbeat_at TEXT NOT NULL
) STRICT;
`;
