import type { EpssScore, KevEntry } from '../../../shared/domain/feed';
import type { Criticality, Exposure } from '../../../shared/domain/host';
import type { QueueItem } from '../../../shared/domain/queue';
import type { Finding } from '../match/match';
import { scoreRisk, type Risk, type SlaPolicy } from '../risk/score';
import { CISA_LEVELS } from '../risk/ssvc';

export interface HostFindings {
  host: { name: string; exposure: Exposure; criticality: Criticality };
  findings: readonly Finding[];
}

export interface FeedLookups {
  kev: (cve: string) => KevEntry | undefined;
  epss: (cve: string) => EpssScore | undefined;
}

interface Scored {
  host: string;
  finding: Finding;
  cve: string | null;
  risk: Risk;
}

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
  const byFix = new Map<string, Scored[]>();
  for (const { host, findings } of hosts) {
    for (const finding of findings) {
      // An advisory without a CVE is still a fix to apply: scored on its own rating.
      const cves = finding.cves.length > 0 ? finding.cves : [null];
      for (const cve of cves) {
        const kev = cve ? feeds.kev(cve) : undefined;
        const epss = cve ? feeds.epss(cve) : undefined;
        const risk = scoreRisk(
          {
            cve: cve ?? finding.advisory,
            severity: finding.severity,
            cvss: null,
            kev: kev ? { dueDate: kev.dueDate, ransomware: kev.ransomware } : null,
            epss: epss ? { probability: epss.probability, percentile: epss.percentile } : null,
            host: { exposure: host.exposure, criticality: host.criticality },
          },
          now,
          policy,
        );
        byFix.set(finding.advisory, [...(byFix.get(finding.advisory) ?? []), { host: host.name, finding, cve, risk }]);
      }
    }
  }
  const items = [...byFix].map(([fix, scored]) => {
    const top = scored.reduce((best, s) => (s.risk.score > best.risk.score ? s : best));
    const dues = scored.map((s) => s.risk.due).filter((due): due is string => due !== null);
    const epss = scored.map((s) => (s.cve ? (feeds.epss(s.cve)?.probability ?? null) : null)).filter((p) => p !== null);
    return {
      rank: 0,
      fix,
      packages: [...new Set(scored.map((s) => s.finding.package))].sort(),
      hosts: [...new Set(scored.map((s) => s.host))].sort(),
      cves: [...new Set(scored.flatMap((s) => (s.cve ? [s.cve] : [])))].sort(),
      kev: scored.some((s) => s.cve !== null && feeds.kev(s.cve) !== undefined),
      epss: epss.length > 0 ? Math.max(...epss) : null,
      ssvc: CISA_LEVELS[Math.max(...scored.map((s) => CISA_LEVELS.indexOf(s.risk.ssvc)))] ?? 'Track',
      score: top.risk.score,
      due: dues.length > 0 ? dues.reduce((a, b) => (a < b ? a : b)) : null,
      reasons: reasonText(top.risk),
    };
  });
  items.sort(
    (a, b) =>
      b.score - a.score ||
      (a.due ?? '9999').localeCompare(b.due ?? '9999') ||
      b.hosts.length - a.hosts.length ||
      a.fix.localeCompare(b.fix),
  );
  return items.map((item, index) => ({ ...item, rank: index + 1 }));
}
