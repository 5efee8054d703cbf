/**
 * Microsoft's monthly security update documents (MSRC CVRF): per month, its products and which
 * KB fixes which CVE on which product, with the KBs it supersedes. A month is replaced whole when
 * it is imported again (MSRC revises a month for weeks after its Patch Tuesday): deleting the
 * document cascades to its products and fixes. Product names compare case-insensitively, as
 * MSRC's own spelling varies ("Windows 11 version 21H2", "Windows 11 Version 22H2").
 */
export const sql = `
CREATE TABLE msrc_document (
  id         TEXT PRIMARY KEY,
  title      TEXT NOT NULL,
  released   TEXT NOT NULL,
  updated    TEXT NOT NULL,
  import_id  INTEGER NOT NULL REFERENCES feed_import (id)
) STRICT, WITHOUT ROWID;

CREATE TABLE msrc_product (
  document  TEXT NOT NULL REFERENCES msrc_document (id) ON DELETE CASCADE,
  id        TEXT NOT NULL,
  name      TEXT NOT NULL COLLATE NOCASE,
  PRIMARY KEY (document, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX msrc_product_by_name ON msrc_product (name);

CREATE TABLE msrc_fix (
  document          TEXT NOT NULL REFERENCES msrc_document (id) ON DELETE CASCADE,
  cve               TEXT NOT NULL,
  kb                TEXT NOT NULL CHECK (kb <> '' AND kb NOT GLOB '*[^0-9]*'),
  product_id        TEXT NOT NULL,
  supersedes        TEXT NOT NULL,
  fixed_build       TEXT,
  severity          TEXT,
  restart_required  INTEGER CHECK (restart_required IN (0, 1)),
  sub_type          TEXT,
  exploited         INTEGER CHECK (exploited IN (0, 1)),
  PRIMARY KEY (document, product_id, kb, cve),
  FOREIGN KEY (document, product_id) REFERENCES msrc_product (document, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX msrc_fix_by_kb ON msrc_fix (kb);
`;
