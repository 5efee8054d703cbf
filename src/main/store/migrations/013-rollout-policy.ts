/**
 * The site's rollout policy (rings, approval rings, concurrency, canary, batch length, windows
 * and their time zone) as one JSON document: the planner reads it whole, the settings page edits
 * it whole. One row; absent until first saved, when the defaults apply.
 */
export const sql = `
CREATE TABLE rollout_policy (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  document    TEXT NOT NULL CHECK (json_valid(document)),
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL
) STRICT;
`;
