import type { EpssScore, KevEntry } from '../../../shared/domain/feed';
import type { Criticality, Exposure } from '../../../shared/domain/host';
import type { QueueItem } from '../../../shared/domain/queue';
import type { Finding } from '../match/match';
import { riskScorer, type QuickRisk, type Risk, type RiskInput, type SlaPolicy } from '../risk/score';
import { CISA_LEVELS } from '../risk/ssvc';

export interface HostFindings {
  host: { name: string; exposure: Exposure; criticality: Criticality };
  findings: readonly Finding[];
}

export interface FeedLookups {
  kev: (cve: string) => KevEntry | undefined;
  epss: (cve: string) => EpssScore | undefined;
}

/** What a fix accumulates while its findings are scored; its reasons are worked out once, at the end. */
interface FixTotals {
  packages: Set<string>;
  hosts: Set<string>;
  cves: Set<string>;
  kev: boolean;
  epss: number | null;
  ssvc: number;
  due: string | null;
  score: number;
  top: {
    cve: string;
    severity: string | null;
    kev: KevEntry | null;
    epss: EpssScore | null;
    host: HostFindings['host'];
  } | null;
}

/** Code-unit order: the same everywhere (localeCompare depends on the locale, and is slow). */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const reasonText = (risk: Risk): string[] =>
  risk.factors.map((f) => `${f.factor} ${f.weight > 0 ? `+${String(f.weight)}` : '0'}: ${f.detail}`);

/**
 * The ranked patch queue: every (host, CVE) of every finding scored, then grouped by fix. A fix
 * ranks by its riskiest finding, then by its earliest due date, then by how many hosts it
 * covers, then by name, so the order is the same every time.
 */
export function buildQueue(
  hosts: readonly HostFindings[],
  feeds: FeedLookups,
  now: Date,
  policy?: SlaPolicy,
): QueueItem[] {
  const score = riskScorer(now, policy);
  const fixes = new Map<string, FixTotals>();
  const scratch: QuickRisk = { score: 0, ssvc: 'Track', due: null };
  for (const { host, findings } of hosts) {
    for (const finding of findings) {
      // An advisory without a CVE is still a fix to apply: scored on its own rating.
      const cves = finding.cves.length > 0 ? finding.cves : [null];
      for (const cve of cves) {
        const kev = (cve ? feeds.kev(cve) : undefined) ?? null;
        const epss = (cve ? feeds.epss(cve) : undefined) ?? null;
        const risk = score.quick(
          scratch,
          finding.severity,
          kev,
          epss?.probability ?? null,
          host.exposure,
          host.criticality,
        );
        let fix = fixes.get(finding.advisory);
        if (!fix) {
          fix = {
            packages: new Set(),
            hosts: new Set(),
            cves: new Set(),
            kev: false,
            epss: null,
            ssvc: 0,
            due: null,
            score: -1,
            top: null,
          };
          fixes.set(finding.advisory, fix);
        }
        fix.packages.add(finding.package);
        fix.hosts.add(host.name);
        if (cve) fix.cves.add(cve);
        if (kev) fix.kev = true;
        if (epss && (fix.epss === null || epss.probability > fix.epss)) fix.epss = epss.probability;
        fix.ssvc = Math.max(fix.ssvc, CISA_LEVELS.indexOf(risk.ssvc));
        if (risk.due !== null && (fix.due === null || risk.due < fix.due)) fix.due = risk.due;
        if (risk.score > fix.score) {
          fix.score = risk.score;
          // Only the riskiest finding of each fix is explained: kept as parts, built into an input at the end.
          fix.top = { cve: cve ?? finding.advisory, severity: finding.severity, kev, epss, host };
        }
      }
    }
  }
  const items = [...fixes].map(([fix, t]) => ({
    rank: 0,
    fix,
    packages: [...t.packages].sort(),
    hosts: [...t.hosts].sort(),
    cves: [...t.cves].sort(),
    kev: t.kev,
    epss: t.epss,
    ssvc: CISA_LEVELS[t.ssvc] ?? 'Track',
    score: t.score,
    due: t.due,
    reasons: [] as string[],
  }));
  items.sort(
    (a, b) =>
      b.score - a.score ||
      byText(a.due ?? '9999', b.due ?? '9999') ||
      b.hosts.length - a.hosts.length ||
      byText(a.fix, b.fix),
  );
  return items.map((item, index) => {
    const top = fixes.get(item.fix)?.top;
    const input: RiskInput | null = top
      ? {
          cve: top.cve,
          severity: top.severity,
          cvss: null,
          kev: top.kev ? { dueDate: top.kev.dueDate, ransomware: top.kev.ransomware } : null,
          epss: top.epss ? { probability: top.epss.probability, percentile: top.epss.percentile } : null,
          host: { exposure: top.host.exposure, criticality: top.host.criticality },
        }
      : null;
    return { ...item, rank: index + 1, reasons: input ? reasonText(score(input)) : [] };
  });
}
