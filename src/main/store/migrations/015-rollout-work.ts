/**
 * What a rollout installs on each host: the packages of the chosen fixes and the versions they go
 * to (a JSON array of `{ name, version }`, version null for the newest the mirror has). Frozen
 * when the rollout starts, like its plan; rollouts started before this have none.
 */
export const sql = `
ALTER TABLE rollout_host ADD COLUMN work TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(work));
`;
