import { describe, expect, it } from 'vitest';
import { buildQueue, type FeedLookups, type HostFindings } from '../../src/main/domain/queue/queue';
import { riskScorer, type RiskInput } from '../../src/main/domain/risk/score';
import type { CompensatingControl } from '../../src/shared/domain/controls';
import type { Criticality, Exposure } from '../../src/shared/domain/host';
import type { QueueItem } from '../../src/shared/domain/queue';

const NOW = new Date('2026-11-26T12:00:00.000Z');

describe('ranking a fleet', () => {
  const NONE: FeedLookups = { kev: () => undefined, epss: () => undefined };
  const fleetHost = (
    name: string,
    exposure: Exposure,
    criticality: Criticality,
    findings: HostFindings['findings'],
  ) => ({
    host: { name, exposure, criticality },
    findings,
  });
  const found = (advisory: string, cves: string[], severity: string | null, pkg = 'pkg') => ({
    advisory,
    cves,
    severity,
    package: pkg,
    installed: '1.0-1',
    fixed: '1.1-1',
    state: 'vulnerable' as const,
  });

  it('scores a CVE on several hosts by its worst host and explains that one', () => {
    const cve = ['CVE-2026-7'];
    const [item] = buildQueue(
      [
        fleetHost('db2', 'isolated', 'critical', [found('ADV-7', cve, 'Important')]),
        fleetHost('web2', 'internet-facing', 'low', [found('ADV-7', cve, 'Important')]),
        fleetHost('app2', 'internal', 'high', [found('ADV-7', cve, 'Important')]),
      ],
      NONE,
      NOW,
    );
    // Important is 30 points; internet-facing adds 10 and low criticality 0, the best of the three.
    expect(item?.score).toBe(40);
    expect(item?.hosts).toEqual(['app2', 'db2', 'web2']);
    expect(item?.reasons).toEqual(
      expect.arrayContaining(['exposure +10: internet-facing', 'criticality 0: host criticality low']),
    );
  });

  it('breaks ties by earliest due date, then by more hosts, then by fix id in code-unit order', () => {
    const kevLookups: FeedLookups = {
      kev: (cve) =>
        cve === 'CVE-2026-1'
          ? {
              cve,
              vendor: 'v',
              product: 'p',
              name: 'n',
              dateAdded: '2026-11-01',
              dueDate: '2026-12-20',
              ransomware: 'unknown',
              requiredAction: 'a',
            }
          : undefined,
      epss: () => undefined,
    };
    // All score 20 + 25 (KEV) or 20 + 0 on isolated, low-criticality hosts: same points, so the ties decide.
    const items = buildQueue(
      [
        fleetHost('h1', 'isolated', 'low', [
          found('adv-a', [], 'Moderate'),
          found('ADV-b', [], 'Moderate'),
          found('ADV-a', [], 'Moderate'),
          found('ADV-9', [], 'Moderate'),
          found('ADV-10', [], 'Moderate'),
        ]),
        fleetHost('h2', 'isolated', 'low', [found('ADV-b', [], 'Moderate')]),
        fleetHost('h3', 'isolated', 'low', [found('ADV-kev', ['CVE-2026-1'], null)]),
      ],
      kevLookups,
      NOW,
    );
    expect(items.map((item) => [item.rank, item.fix, item.score])).toEqual([
      [1, 'ADV-kev', 45],
      [2, 'ADV-b', 20],
      [3, 'ADV-10', 20],
      [4, 'ADV-9', 20],
      [5, 'ADV-a', 20],
      [6, 'adv-a', 20],
    ]);
    // Due only by its KEV date: isolated, low criticality, Track otherwise.
    expect(items[0]?.due).toBe('2026-12-20T23:59:59.000Z');
  });

  it("scores by NVD's CVSS when a lookup gives it, and by the rating otherwise", () => {
    const hosts = [fleetHost('web1', 'internet-facing', 'critical', [found('ADV-1', ['CVE-2026-5'], 'Low')])];
    const cvss = { score: 9.8, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' };
    const [rated] = buildQueue(hosts, NONE, NOW);
    const [scored] = buildQueue(hosts, { ...NONE, cvss: (cve) => (cve === 'CVE-2026-5' ? cvss : null) }, NOW);
    expect(rated?.reasons[0]).toBe('severity +10: distribution rating Low');
    expect(rated?.score).toBe(26);
    expect(scored?.reasons[0]).toBe('severity +39.2: CVSS 9.8');
    expect(scored?.score).toBe(55.2);
    // Automatable with total impact on an essential host: Attend without KEV; critical and internet-facing: 7 days.
    expect([scored?.ssvc, scored?.due]).toEqual(['Attend', '2026-12-03T12:00:00.000Z']);
  });

  it('lists each host, package and CVE of a fix once, whichever findings carried them', () => {
    const [item, ...rest] = buildQueue(
      [
        fleetHost('b', 'internal', 'medium', [
          found('ADV-1', ['CVE-2026-2', 'CVE-2026-1'], 'Low', 'libssl3'),
          found('ADV-1', ['CVE-2026-2', 'CVE-2026-1'], 'Low', 'openssl'),
        ]),
        fleetHost('a', 'internal', 'medium', [found('ADV-1', ['CVE-2026-3'], 'Low', 'openssl')]),
        // The same host listed again, as two inventories of one name would be.
        fleetHost('b', 'internal', 'medium', [found('ADV-1', ['CVE-2026-2', 'CVE-2026-1'], 'Low', 'libssl3')]),
      ],
      NONE,
      NOW,
    );
    expect(rest).toEqual([]);
    expect([item?.hosts, item?.packages, item?.cves]).toEqual([
      ['a', 'b'],
      ['libssl3', 'openssl'],
      ['CVE-2026-1', 'CVE-2026-2', 'CVE-2026-3'],
    ]);
  });

  it("leaves each finding's CVE list in its own order: matching hands every finding its advisory's list", () => {
    const cves = ['CVE-2026-9', 'CVE-2026-1'];
    const [item] = buildQueue(
      [
        fleetHost('h1', 'internal', 'low', [found('ADV-1', cves, 'Low')]),
        fleetHost('h2', 'internal', 'low', [found('ADV-1', cves, 'Low')]),
      ],
      NONE,
      NOW,
    );
    expect(item?.cves).toEqual(['CVE-2026-1', 'CVE-2026-9']);
    expect(cves).toEqual(['CVE-2026-9', 'CVE-2026-1']);
  });

  it('asks the feeds about each CVE once, however many hosts have it', () => {
    const asked: string[] = [];
    const counting: FeedLookups = {
      kev: (cve) => void asked.push(`kev ${cve}`),
      epss: (cve) => void asked.push(`epss ${cve}`),
      cvss: (cve) => (asked.push(`cvss ${cve}`), null),
    };
    const cves = ['CVE-2026-1', 'CVE-2026-2'];
    buildQueue(
      ['h1', 'h2', 'h3'].map((name) =>
        fleetHost(name, 'internal', 'low', [found('ADV-1', [...cves], 'Low'), found('ADV-2', ['CVE-2026-1'], null)]),
      ),
      counting,
      NOW,
    );
    expect(asked.sort()).toEqual(['cvss', 'epss', 'kev'].flatMap((feed) => cves.map((cve) => `${feed} ${cve}`)).sort());
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('ranks as scoring every (host, CVE) one by one would (fleet %i)', (seed) => {
    const { hosts, feeds } = fleet(seed);
    expect(buildQueue(hosts, feeds, NOW)).toEqual(rankedOneByOne(hosts, feeds));
  });
});

/**
 * A small random fleet with what real ones have: several CVEs per advisory or none, ratings that
 * differ between advisories of one CVE, lists that are equal but not the same array, a host name
 * listed twice, CVEs in KEV, EPSS and NVD or in none, and many equal scores.
 */
function fleet(seed: number): { hosts: HostFindings[]; feeds: FeedLookups } {
  let state = seed;
  const pick = (n: number): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
  const choose = <T>(values: readonly T[]): T => values[pick(values.length)] as T;
  const cves = Array.from({ length: 12 }, (_, i) => `CVE-2026-${String(1000 + i)}`);
  const advisories = Array.from({ length: 15 }, (_, i) => ({
    advisory: `ADV-${String(i)}`,
    cves: Array.from({ length: pick(4) }, () => choose(cves)),
    severity: choose(['Critical', 'Important', 'Moderate', 'Low', 'Unimportant', null]),
  }));
  const names = ['web1', 'web2', 'db1', 'app1', 'edge1', 'web1'];
  const hosts = names.map((name) => ({
    host: {
      name,
      exposure: choose(['internet-facing', 'internal', 'isolated'] as const),
      criticality: choose(['critical', 'high', 'medium', 'low'] as const),
      controls: choose<CompensatingControl[]>([
        [],
        [],
        ['network-restricted'],
        ['exploit-filtering', 'sign-in-required'],
        ['sign-in-required', 'network-restricted', 'exploit-filtering'],
      ]),
    },
    findings: Array.from({ length: 4 + pick(12) }, () => {
      const advisory = choose(advisories);
      return {
        advisory: advisory.advisory,
        cves: pick(3) === 0 ? [...advisory.cves] : advisory.cves,
        severity: pick(8) === 0 ? 'High' : advisory.severity,
        package: choose(['libfoo1', 'foo-utils']),
        installed: '1.0-1',
        fixed: '1.1-1',
        state: 'vulnerable' as const,
      };
    }),
  }));
  const known = <T>(make: (cve: string) => T) =>
    new Map(cves.filter(() => pick(3) === 0).map((cve) => [cve, make(cve)]));
  const kev = known((cve) => ({
    cve,
    vendor: 'v',
    product: 'p',
    name: 'n',
    dateAdded: '2026-10-01',
    dueDate: choose(['2026-11-20', '2026-12-15', '2027-01-10']),
    ransomware: choose(['known', 'unknown'] as const),
    requiredAction: 'a',
  }));
  const epss = known((cve) => ({ cve, probability: pick(100) / 100, percentile: pick(100) / 100 }));
  const cvss = known(() => ({
    score: pick(101) / 10,
    vector: choose([
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      'CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N',
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A',
      'AV:N/AC:L/Au:N/C:P/I:P/A:P',
    ]),
  }));
  return {
    hosts,
    feeds: { kev: (cve) => kev.get(cve), epss: (cve) => epss.get(cve), cvss: (cve) => cvss.get(cve) ?? null },
  };
}

/** The queue as its definition reads: every (host, CVE) scored in full, one at a time, then grouped by fix. */
function rankedOneByOne(hosts: readonly HostFindings[], feeds: FeedLookups): QueueItem[] {
  const scorer = riskScorer(NOW);
  const fixes = new Map<
    string,
    {
      packages: Set<string>;
      hosts: Set<string>;
      cves: Set<string>;
      kev: boolean;
      epss: number | null;
      ssvc: number;
      due: string | null;
      score: number;
      top: RiskInput | null;
    }
  >();
  const levels = ['Track', 'Track*', 'Attend', 'Act'] as const;
  for (const { host, findings } of hosts)
    for (const finding of findings)
      for (const cve of finding.cves.length > 0 ? finding.cves : [null]) {
        const kev = cve === null ? undefined : feeds.kev(cve);
        const epss = cve === null ? undefined : feeds.epss(cve);
        const cvss = cve === null ? null : (feeds.cvss?.(cve) ?? null);
        const input: RiskInput = {
          cve: cve ?? finding.advisory,
          severity: finding.severity,
          cvss,
          kev: kev ? { dueDate: kev.dueDate, ransomware: kev.ransomware } : null,
          epss: epss ? { probability: epss.probability, percentile: epss.percentile } : null,
          host: { exposure: host.exposure, criticality: host.criticality, controls: host.controls ?? [] },
        };
        const risk = scorer(input, { explain: false });
        const fix = fixes.get(finding.advisory) ?? {
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
        fix.packages.add(finding.package);
        fix.hosts.add(host.name);
        if (cve !== null) fix.cves.add(cve);
        if (kev) fix.kev = true;
        if (epss && (fix.epss === null || epss.probability > fix.epss)) fix.epss = epss.probability;
        fix.ssvc = Math.max(fix.ssvc, levels.indexOf(risk.ssvc));
        if (risk.due !== null && (fix.due === null || risk.due < fix.due)) fix.due = risk.due;
        if (risk.score > fix.score) {
          fix.score = risk.score;
          fix.top = input;
        }
      }
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...fixes]
    .map(([fix, t]) => ({
      rank: 0,
      fix,
      packages: [...t.packages].sort(),
      hosts: [...t.hosts].sort(),
      cves: [...t.cves].sort(),
      kev: t.kev,
      epss: t.epss,
      ssvc: levels[t.ssvc] ?? 'Track',
      score: t.score,
      due: t.due,
      reasons: t.top
        ? scorer(t.top).factors.map(
            (f) => `${f.factor} ${f.weight > 0 ? `+${String(f.weight)}` : String(f.weight)}: ${f.detail}`,
          )
        : [],
    }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        byText(a.due ?? '9999', b.due ?? '9999') ||
        b.hosts.length - a.hosts.length ||
        byText(a.fix, b.fix),
    )
    .map((item, index) => ({ ...item, rank: index + 1 }));
}
