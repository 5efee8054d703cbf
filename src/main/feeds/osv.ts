import { z } from 'zod';
import type { Advisory, AdvisoryPackage } from '../../shared/domain/advisory';
import { AppError } from '../../shared/result';
import { CVE_ID } from './kev';

/**
 * OSV records (ossf.github.io/osv-schema) of the Linux distributions Patchwise matches: Debian
 * (source package names), AlmaLinux and Rocky Linux (binary rpm names). Only ECOSYSTEM ranges
 * are read: distributions publish their own versions, never git commits or semver.
 */
export const OSV_ECOSYSTEMS = /^(Debian|Ubuntu|AlmaLinux|Rocky Linux|Red Hat):?[\w.:-]*$/;

const eventSchema = z.union([
  z.object({ introduced: z.string().min(1) }),
  z.object({ fixed: z.string().min(1) }),
  z.object({ last_affected: z.string().min(1) }),
  z.object({ limit: z.string().min(1) }),
]);

const recordSchema = z.object({
  id: z.string().min(1).max(128),
  modified: z.iso.datetime({ offset: true }),
  published: z.iso.datetime({ offset: true }).optional(),
  withdrawn: z.iso.datetime({ offset: true }).optional(),
  summary: z.string().optional(),
  aliases: z.array(z.string()).optional(),
  related: z.array(z.string()).optional(),
  upstream: z.array(z.string()).optional(),
  affected: z
    .array(
      z.object({
        package: z.object({ ecosystem: z.string(), name: z.string().min(1) }),
        ranges: z.array(z.object({ type: z.string(), events: z.array(eventSchema) })).optional(),
      }),
    )
    .optional(),
});

type Affected = NonNullable<z.infer<typeof recordSchema>['affected']>[number];

/** Red Hat-family summaries start with the errata severity: "Important: kernel security update". */
const SEVERITY = /^(Critical|Important|Moderate|Low):/;

/**
 * A range's events as intervals: each `introduced` opens one; the next `fixed` closes it (that
 * version is clean) or `last_affected` closes it (that version is the last bad one). One never
 * closed has no fix.
 */
function intervals(affected: Affected): Omit<AdvisoryPackage, 'ecosystem' | 'name'>[] {
  const result: Omit<AdvisoryPackage, 'ecosystem' | 'name'>[] = [];
  for (const range of affected.ranges ?? []) {
    if (range.type !== 'ECOSYSTEM') continue;
    let open: string | null = null;
    for (const event of range.events) {
      if ('introduced' in event) {
        if (open !== null) result.push({ introduced: open, fixed: null, lastAffected: null, status: 'affected' });
        open = event.introduced;
      } else if (open !== null && ('fixed' in event || 'last_affected' in event)) {
        const fixed = 'fixed' in event ? event.fixed : null;
        const lastAffected = 'last_affected' in event ? event.last_affected : null;
        result.push({ introduced: open, fixed, lastAffected, status: 'affected' });
        open = null;
      }
    }
    if (open !== null) result.push({ introduced: open, fixed: null, lastAffected: null, status: 'affected' });
  }
  return result;
}

/** One OSV JSON document into an advisory with the CVEs it covers and the versions that fix it. */
export function parseOsv(source: string, text: string): Advisory {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError('feed_invalid', `${source}: not valid JSON, perhaps cut short (${(error as Error).message})`);
  }
  const parsed = recordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'feed_invalid',
      `${source}: not an OSV record: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
    );
  }
  const record = parsed.data;
  const cves = [
    ...new Set([record.id, ...(record.aliases ?? []), ...(record.upstream ?? []), ...(record.related ?? [])]),
  ].filter((id) => CVE_ID.test(id));
  const packages = (record.affected ?? [])
    .filter((affected) => OSV_ECOSYSTEMS.test(affected.package.ecosystem))
    .flatMap((affected) =>
      intervals(affected).map((interval) => ({
        ecosystem: affected.package.ecosystem,
        name: affected.package.name,
        ...interval,
      })),
    );
  if (packages.length === 0)
    throw new AppError(
      'feed_invalid',
      `${source}: ${record.id} names no package of a distribution Patchwise matches (Debian, AlmaLinux, Rocky Linux) with an ECOSYSTEM range`,
    );
  return {
    id: record.id,
    source: 'osv',
    summary: record.summary ?? '',
    severity: SEVERITY.exec(record.summary ?? '')?.[1] ?? null,
    published: record.published ?? null,
    modified: record.modified,
    withdrawn: record.withdrawn ?? null,
    cves,
    packages,
  };
}
