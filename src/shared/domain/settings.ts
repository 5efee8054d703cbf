import { z } from 'zod';

export const siteSettingsSchema = z.object({
  siteName: z.string().trim().min(1, 'Site name is required').max(80, 'Site name must be at most 80 characters'),
  feedMaxAgeDays: z
    .number({ error: 'Feed age limit must be a number of days' })
    .int('Feed age limit must be a whole number of days')
    .min(1, 'Feed age limit must be at least 1 day')
    .max(365, 'Feed age limit must be at most 365 days'),
});

export type SiteSettings = z.infer<typeof siteSettingsSchema>;

export const DEFAULT_SITE_SETTINGS: SiteSettings = { siteName: 'My site', feedMaxAgeDays: 7 };
