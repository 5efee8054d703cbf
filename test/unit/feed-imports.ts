import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/main/store/database';
import { tempDir } from './support';

export const KEV_JSON = 'test/fixtures/feeds/kev/kev_slice.json';
export const KEV_CSV = 'test/fixtures/feeds/kev/kev_slice.csv';
export const EPSS = 'test/fixtures/feeds/epss/epss_scores-2026-09-29.csv';
export const EPSS_OLD_STYLE = 'test/fixtures/feeds/epss/epss_scores-2025-02-20.csv';
export const EPSS_NO_COMMENT = 'test/fixtures/feeds/epss/epss_scores-2022-02-04.csv';

/** The feed tables as rows, to prove a refused import changed nothing. */
export function snapshot(dataDir: string) {
  const store = openStore({ dataDir, now: () => new Date() });
  try {
    const all = (sql: string) => store.db.prepare(sql).all();
    return {
      imports: all('SELECT * FROM feed_import ORDER BY id'),
      feeds: all('SELECT * FROM feed ORDER BY name'),
      kev: all('SELECT * FROM kev ORDER BY cve'),
      epss: all('SELECT * FROM epss ORDER BY cve'),
      advisories: all('SELECT * FROM advisory ORDER BY id'),
      packages: all('SELECT * FROM advisory_package ORDER BY advisory_id, name, introduced'),
    };
  } finally {
    store.close();
  }
}

/** A copy of `fixture` in a temp folder, changed by `edit`. */
export function edited(
  fixture: string,
  edit: (text: string) => string,
  name = fixture.split('/').at(-1) ?? 'feed',
): string {
  const path = join(tempDir(), name);
  writeFileSync(path, edit(readFileSync(fixture, 'utf8')));
  return path;
}
