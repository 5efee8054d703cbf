/**
 * A host's compensating controls (firewalled to an admin network, exploit filtering, sign-in in
 * front), as a JSON array of names like `tags`: the risk score takes them as CVSS environmental
 * metrics. Hosts start with none.
 */
export const sql = `
ALTER TABLE host ADD COLUMN controls TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(controls) AND json_type(controls) = 'array');
`;
