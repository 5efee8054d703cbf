import type { Host } from '../../shared/domain/host';
import type { FindingRow, QueueItem } from '../../shared/domain/queue';
import { ecosystemsOf, indexAdvisories, matchPackages, type AdvisoryIndex, type Finding } from '../domain/match/match';
import { buildQueue, type FeedLookups, type HostFindings } from '../domain/queue/queue';
import type { HostService } from '../fleet/host-service';
import type { Clock } from '../ports';
import type { SlaPolicy } from '../domain/risk/score';
import type { AdvisoryRepo } from '../store/advisory-repo';
import type { CveRepo } from '../store/cve-repo';
import type { MsrcRepo } from '../store/msrc-repo';
import { matchWindows, msrcProductNames, windowsHostOf } from '../domain/match/windows';
import type { SettingsRepo } from '../store/settings-repo';
import type { FeedRepo } from '../store/feed-repo';
import type { ScanRepo } from '../store/scan-repo';
import { adaptiveLookup } from './lookups';

interface Deps {
  /** Changes whenever anything is written to the store, by this process or another. */
  dataVersion: () => string;
  /** Fixes an accepted or deferred risk holds out of the queue now. */
  excepted: () => ReadonlySet<string>;
  hosts: HostService;
  scans: ScanRepo;
  feeds: FeedRepo;
  advisories: AdvisoryRepo;
  cves: CveRepo;
  msrc: MsrcRepo;
  settings: SettingsRepo;
  clock: Clock;
}

/** The site's SLA policy, as the settings page edits it. */
function slaPolicyOf(settings: SettingsRepo): SlaPolicy {
  const site = settings.get();
  return {
    kevByDueDate: site.slaKevByDueDate,
    actHours: site.slaActHours,
    criticalInternetFacingDays: site.slaCriticalInternetFacingDays,
    attendDays: site.slaAttendDays,
  };
}

/** A computed queue is kept this long at most: due dates count from the moment it was ranked. */
const QUEUE_MAX_AGE_MS = 60_000;

/**
 * The patch queue, computed from what is held now: each host's latest successful inventory
 * matched against the advisories of its ecosystem, scored with KEV, EPSS and NVD. Nothing is
 * stored; the last queue is kept until anything is written to the store (a scan, a feed, an
 * exception, a setting, a host edited) or a minute passes, so the page, its why panel and the CLI
 * do not rank a million findings again for every request.
 */
export function createQueueService({
  dataVersion,
  excepted,
  hosts,
  scans,
  feeds,
  advisories,
  cves,
  msrc,
  settings,
  clock,
}: Deps) {
  /** Each scanned host with every finding of its latest inventory, in every state. */
  function findingsByHost(): { host: Host; findings: Finding[] }[] {
    // One index per set of ecosystems (Rocky Linux:9 with Red Hat:9), shared by every host on it.
    const byEcosystems = new Map<string, AdvisoryIndex>();
    const advisoriesFor = (ecosystems: readonly string[]): AdvisoryIndex => {
      const key = ecosystems.join('\u0000');
      const cached = byEcosystems.get(key);
      if (cached) return cached;
      const loaded = indexAdvisories(ecosystems.flatMap((ecosystem) => advisories.forEcosystem(ecosystem)));
      byEcosystems.set(key, loaded);
      return loaded;
    };
    const found: { host: Host; findings: Finding[] }[] = [];
    for (const host of hosts.list()) {
      const inventory = scans.latestInventory(host.id)?.inventory;
      if (!inventory) continue;
      if (inventory.os.family === 'windows') {
        // Windows: Microsoft's updates for the host's product, past its build or KBs (supersedence).
        const windows = windowsHostOf(inventory);
        if (windows)
          found.push({ host, findings: matchWindows(windows, msrc.fixesForProducts(msrcProductNames(windows))) });
        continue;
      }
      const ecosystems = ecosystemsOf(inventory.os);
      if (ecosystems.length === 0) continue;
      found.push({
        host,
        findings: matchPackages(inventory.os.family, inventory.packages, advisoriesFor(ecosystems), inventory.kernel),
      });
    }
    return found;
  }

  /** KEV, EPSS and NVD's CVSS for one queue build: by key while few are asked, in bulk past that. */
  function feedLookups(): FeedLookups {
    const cvss = adaptiveLookup(
      (cve) => cves.cvss(cve) ?? undefined,
      () => cves.cvssAll(),
    );
    return {
      kev: adaptiveLookup(
        (cve) => feeds.kev(cve),
        () => feeds.kevAll(),
      ),
      epss: adaptiveLookup(
        (cve) => feeds.epss(cve),
        () => feeds.epssAll(),
      ),
      cvss: (cve) => cvss(cve) ?? null,
    };
  }

  function rank(): QueueItem[] {
    // The queue lists fixes to apply; unfixed, won't-fix and not-affected findings have none.
    // A kernel that is installed but not running cannot be reached until it boots: it is listed
    // on the Vulnerabilities page, not ranked (the running kernel's finding carries the fix).
    const found: HostFindings[] = findingsByHost().map(({ host, findings }) => ({
      host: { name: host.name, exposure: host.exposure, criticality: host.criticality, controls: host.controls },
      findings: findings.filter((finding) => finding.state === 'vulnerable' && finding.kernel !== 'not-running'),
    }));
    const held = excepted();
    const ranked = buildQueue(found, feedLookups(), clock(), slaPolicyOf(settings));
    // Ranked first, so a fix keeps its place among the others when its exception ends.
    return held.size === 0
      ? ranked
      : ranked.filter((item) => !held.has(item.fix)).map((item, index) => ({ ...item, rank: index + 1 }));
  }

  let kept: { version: string; at: number; items: QueueItem[]; byFix: Map<string, QueueItem> } | null = null;
  const current = (): NonNullable<typeof kept> => {
    const version = dataVersion();
    const at = clock().getTime();
    if (kept === null || kept.version !== version || at - kept.at >= QUEUE_MAX_AGE_MS || at < kept.at) {
      const items = rank();
      kept = { version, at, items, byFix: new Map(items.map((item) => [item.fix, item])) };
    }
    return kept;
  };

  return {
    /** The ranked queue, each item with its reasons. */
    items(): QueueItem[] {
      return current().items;
    },
    /** One fix of the current queue, reasons and all; undefined when the queue has no such fix. */
    item(fix: string): QueueItem | undefined {
      return current().byFix.get(fix);
    },
    /** Every finding of every host, including those without a fix: states are shown, not omitted. */
    findings(): FindingRow[] {
      return findingsByHost().flatMap(({ host, findings }) =>
        findings.map((finding) => ({
          host: host.name,
          advisory: finding.advisory,
          cves: finding.cves,
          package: finding.package,
          installed: finding.installed,
          fixed: finding.fixed,
          severity: finding.severity,
          state: finding.state,
          ...(finding.kernel ? { kernel: finding.kernel } : {}),
        })),
      );
    },
  };
}

export type QueueService = ReturnType<typeof createQueueService>;
