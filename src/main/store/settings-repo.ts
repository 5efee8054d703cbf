import type Database from 'better-sqlite3';
import { DEFAULT_SITE_SETTINGS, siteSettingsSchema, type SiteSettings } from '../../shared/domain/settings';

export function createSettingsRepo(db: Database.Database) {
  return {
    /** Stored values over the defaults; a stored value that no longer parses falls back to its default. */
    get(): SiteSettings {
      const rows = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM site_setting').all();
      const stored = Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]));
      const merged = { ...DEFAULT_SITE_SETTINGS };
      for (const key of Object.keys(merged) as (keyof SiteSettings)[]) {
        const parsed = siteSettingsSchema.shape[key].safeParse(stored[key]);
        if (parsed.success) Object.assign(merged, { [key]: parsed.data });
      }
      return merged;
    },
    set(values: Partial<SiteSettings>): void {
      const upsert = db.prepare(
        'INSERT INTO site_setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      );
      for (const [key, value] of Object.entries(values)) upsert.run(key, JSON.stringify(value));
    },
  };
}

export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
