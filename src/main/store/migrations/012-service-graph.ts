/**
 * The service dependency graph, saved whole as a new version each time (an admin's drawing is
 * small, and a version is what a plan and an audit entry refer to), and the edges proposed from
 * observed connections that an admin rejected, so they are not proposed again.
 */
export const sql = `
CREATE TABLE service_graph (
  version   INTEGER PRIMARY KEY,
  document  TEXT NOT NULL CHECK (json_valid(document)),
  saved_at  TEXT NOT NULL,
  saved_by  TEXT NOT NULL
) STRICT;

CREATE TABLE rejected_edge (
  from_service  TEXT NOT NULL,
  to_service    TEXT NOT NULL,
  rejected_at   TEXT NOT NULL,
  rejected_by   TEXT NOT NULL,
  PRIMARY KEY (from_service, to_service)
) STRICT, WITHOUT ROWID;
`;
