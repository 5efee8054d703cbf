import { z } from 'zod';
import type { Advisory, AdvisoryPackage } from '../../shared/domain/advisory';
import { AppError } from '../../shared/result';
import type { FeedData } from './feed-data';
import { CVE_ID } from './kev';

/** The tracker names releases by codename; OSV's ecosystems (and Patchwise's) by number. */
const RELEASES: Readonly<Record<string, string>> = {
  jessie: 'Debian:8',
  stretch: 'Debian:9',
  buster: 'Debian:10',
  bullseye: 'Debian:11',
  bookworm: 'Debian:12',
  trixie: 'Debian:13',
  forky: 'Debian:14',
};

const releaseSchema = z.object({
  status: z.enum(['resolved', 'open', 'undetermined']),
  fixed_version: z.string().optional(),
  // "unimportant", "low", "medium", "high", "not yet assigned", "end-of-life"; a ** suffix marks
  // one set from the NVD score rather than by Debian.
  urgency: z.string().optional(),
  nodsa: z.string().optional(),
  nodsa_reason: z.string().optional(),
});
const issueSchema = z.object({
  description: z.string().optional(),
  scope: z.string().optional(),
  releases: z.record(z.string(), releaseSchema),
});
const trackerSchema = z.record(z.string(), z.record(z.string(), z.unknown()));

const URGENCY: Readonly<Record<string, string>> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  unimportant: 'Unimportant',
};

/** One release's verdict on one (source package, CVE) as an interval with its state. */
function packageOf(name: string, ecosystem: string, release: z.infer<typeof releaseSchema>): AdvisoryPackage | null {
  const base = { ecosystem, name, introduced: '0', lastAffected: null };
  if (release.status === 'resolved') {
    // "0": this release never had the flaw; a version: fixed there.
    if (release.fixed_version === '0') return { ...base, fixed: null, status: 'not-affected' };
    if (release.fixed_version) return { ...base, fixed: release.fixed_version, status: 'affected' };
    return null;
  }
  // Open: no fix yet; "ignored" means Debian decided not to fix it in this release.
  return { ...base, fixed: null, status: release.nodsa_reason === 'ignored' ? 'wont-fix' : 'affected' };
}

/**
 * The Debian security tracker's JSON (security-tracker.debian.org/tracker/data/json): source
 * package -> CVE -> release -> status. Each (package, CVE) becomes an advisory with one interval
 * per known release. TEMP- ids (issues without a CVE yet) are skipped. The file carries no date
 * of its own, so the data's date is the import's. Read whole: the full tracker is about 70 MB.
 */
export function parseDebianTracker(source: string, text: string, now: Date): FeedData<Advisory> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError('feed_invalid', `${source}: not valid JSON, perhaps cut short (${(error as Error).message})`);
  }
  const tracker = trackerSchema.safeParse(json);
  if (!tracker.success) throw new AppError('feed_invalid', `${source}: not the Debian security tracker's JSON`);
  const modified = now.toISOString();
  const records: Advisory[] = [];
  for (const [name, issues] of Object.entries(tracker.data)) {
    for (const [id, raw] of Object.entries(issues)) {
      if (!CVE_ID.test(id)) continue;
      const issue = issueSchema.safeParse(raw);
      if (!issue.success) {
        const first = issue.error.issues[0];
        throw new AppError(
          'feed_invalid',
          `${source}: ${name} ${id}: ${first?.path.join('.') ?? ''} ${first?.message ?? 'is not a tracker entry'}`.trim(),
        );
      }
      const packages: AdvisoryPackage[] = [];
      let urgency: string | null = null;
      for (const [codename, release] of Object.entries(issue.data.releases)) {
        const ecosystem = RELEASES[codename];
        const found = ecosystem ? packageOf(name, ecosystem, release) : null;
        if (!found) continue;
        packages.push(found);
        urgency ??= URGENCY[(release.urgency ?? '').replace(/\*+$/, '')] ?? null;
      }
      if (packages.length === 0) continue;
      records.push({
        id: `DEBIAN-TRACKER/${name}/${id}`,
        source: 'debian-tracker',
        summary: issue.data.description ?? '',
        severity: urgency,
        published: null,
        modified,
        withdrawn: null,
        cves: [id],
        packages,
      });
    }
  }
  if (records.length === 0)
    throw new AppError('feed_invalid', `${source}: the tracker lists no CVE for a known release`);
  return { records, dataDate: modified, version: null };
}
