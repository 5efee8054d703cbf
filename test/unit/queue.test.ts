import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildQueue, type FeedLookups, type HostFindings } from '../../src/main/domain/queue/queue';
import { DEFAULT_SLA, riskScorer, scoreRisk, type RiskInput } from '../../src/main/domain/risk/score';
import { parseDebianInventory } from '../../src/main/fleet/collectors/debian';
import { parseRhelInventory } from '../../src/main/fleet/collectors/rhel';
import { expandFeedPaths } from '../../src/main/feeds/read-feed-file';
import { createScanRepo } from '../../src/main/store/scan-repo';
import type { CompensatingControl } from '../../src/shared/domain/controls';
import type { Criticality, Exposure } from '../../src/shared/domain/host';
import type { HostInventory } from '../../src/shared/domain/inventory';
import type { QueueItem } from '../../src/shared/domain/queue';
import { admin, host, makeApp } from './support';

const NOW = new Date('2026-11-26T12:00:00.000Z');
const debian = parseDebianInventory(readFileSync('test/fixtures/collectors/debian-api2.txt', 'utf8'));
const rocky = parseRhelInventory(readFileSync('test/fixtures/collectors/rocky-api1.txt', 'utf8'));

const input = (overrides: Partial<RiskInput> = {}): RiskInput => ({
  cve: 'CVE-2026-1',
  severity: 'Moderate',
  cvss: null,
  kev: null,
  epss: null,
  host: { exposure: 'internal', criticality: 'medium' },
  ...overrides,
});

describe('risk of one vulnerability on one host', () => {
  it('adds up its factors and says each one', () => {
    const risk = scoreRisk(
      input({
        kev: { dueDate: '2026-11-20', ransomware: 'known' },
        epss: { probability: 0.5, percentile: 0.97 },
        host: { exposure: 'internet-facing', criticality: 'critical' },
      }),
      NOW,
    );
    expect(risk.factors.map((f) => [f.factor, f.weight])).toEqual([
      ['severity', 20],
      ['kev', 25],
      ['kev', 5],
      ['epss', 10],
      ['exposure', 10],
      ['criticality', 6],
      ['ssvc', 0],
    ]);
    expect(risk.score).toBe(76);
    // KEV (active exploitation) on an essential host: Attend without automatable/total impact data.
    expect(risk.ssvc).toBe('Attend');
    expect(risk.due).toBe('2026-11-20T23:59:59.000Z');
  });

  it('takes CVSS over the distribution rating, and reads automatable and technical impact from the vector', () => {
    const risk = scoreRisk(
      input({
        cvss: { score: 9.8, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
        kev: { dueDate: '2026-12-31', ransomware: 'unknown' },
        host: { exposure: 'internet-facing', criticality: 'critical' },
      }),
      NOW,
    );
    expect(risk.factors[0]).toEqual({ factor: 'severity', detail: 'CVSS 9.8', weight: 39.2 });
    expect(risk.ssvc).toBe('Act');
    // Act: within 48 hours, earlier than the KEV due date.
    expect(risk.due).toBe('2026-11-28T12:00:00.000Z');
  });

  it.each([
    [{}, 'Track', null],
    [
      { severity: 'Critical', host: { exposure: 'internet-facing', criticality: 'low' } },
      'Track',
      '2026-12-03T12:00:00.000Z',
    ],
  ] as const)('sets no date or the policy date for %j', (overrides, ssvc, due) => {
    const risk = scoreRisk(input(overrides), NOW, DEFAULT_SLA);
    expect([risk.ssvc, risk.due]).toEqual([ssvc, due]);
  });
});

describe('explaining many risks with one scorer', () => {
  it('shares the factors that take few values, frozen, so that no risk can change another one', () => {
    const scorer = riskScorer(NOW);
    const one = scorer(input({ epss: { probability: 0.1, percentile: 0.5 } }));
    const other = scorer(input({ cve: 'CVE-2026-2', epss: { probability: 0.2, percentile: 0.6 } }));
    const [severity] = one.factors;
    expect(other.factors[0]).toBe(severity);
    expect(Object.isFrozen(severity)).toBe(true);
    // EPSS, with its own numbers, is written for each.
    expect(one.factors.find((f) => f.factor === 'epss')).not.toBe(other.factors.find((f) => f.factor === 'epss'));
  });
});

describe('scoring without explaining', () => {
  it('gives the same score, decision and date as scoring with every reason', () => {
    const scorer = riskScorer(NOW);
    const inputs: RiskInput[] = [];
    for (const severity of ['Critical', 'Important', 'Low', null])
      for (const cvss of [null, { score: 9.8, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }])
        for (const kev of [null, { dueDate: '2026-12-01', ransomware: 'known' as const }])
          for (const exposure of ['internet-facing', 'internal', 'isolated'] as const)
            for (const criticality of ['critical', 'high', 'medium', 'low'] as const)
              inputs.push(
                input({
                  severity,
                  cvss,
                  kev,
                  epss: { probability: 0.31, percentile: 0.9 },
                  host: { exposure, criticality },
                }),
              );
    for (const one of inputs) {
      const quick = scorer(one, { explain: false });
      const full = scorer(one);
      expect(quick.factors).toEqual([]);
      expect({ ...quick, factors: full.factors }).toEqual(full);
      expect(full.score).toBe(Math.min(100, Math.round(full.factors.reduce((sum, f) => sum + f.weight, 0) * 10) / 10));
      // The queue's way: the vulnerability scored once, then placed on each host.
      const scratch = { score: 0, ssvc: 'Track' as const, due: null };
      const { host } = one;
      expect(scorer.onHost(scratch, scorer.vulnerability(one), host.exposure, host.criticality)).toEqual({
        score: full.score,
        ssvc: full.ssvc,
        due: full.due,
      });
    }
  });
});

describe('the patch queue', () => {
  const kev = new Map([['CVE-2026-90002', { dueDate: '2026-11-30', ransomware: 'unknown' as const }]]);
  const lookups = {
    kev: (cve: string) =>
      kev.has(cve)
        ? {
            cve,
            vendor: 'v',
            product: 'p',
            name: 'n',
            dateAdded: '2026-11-01',
            requiredAction: 'a',
            ...(kev.get(cve) as { dueDate: string; ransomware: 'unknown' }),
          }
        : undefined,
    epss: (cve: string) => (cve === 'CVE-2026-90001' ? { cve, probability: 0.02, percentile: 0.5 } : undefined),
  };
  const finding = (advisory: string, cve: string, severity: string | null) => ({
    advisory,
    cves: [cve],
    severity,
    package: 'pkg',
    installed: '1.0-1',
    fixed: '1.1-1',
    state: 'vulnerable' as const,
  });

  it('ranks by the riskiest finding of each fix and lists every host it covers', () => {
    const items = buildQueue(
      [
        {
          host: { name: 'web1', exposure: 'internet-facing', criticality: 'high' },
          findings: [finding('ADV-1', 'CVE-2026-90001', 'Important'), finding('ADV-2', 'CVE-2026-90002', 'Moderate')],
        },
        {
          host: { name: 'db1', exposure: 'internal', criticality: 'critical' },
          findings: [finding('ADV-1', 'CVE-2026-90001', 'Important')],
        },
      ],
      lookups,
      NOW,
    );
    expect(items.map((item) => [item.rank, item.fix, item.hosts, item.kev])).toEqual([
      [1, 'ADV-2', ['web1'], true],
      [2, 'ADV-1', ['db1', 'web1'], false],
    ]);
    expect(items[0]?.reasons).toEqual(
      expect.arrayContaining([expect.stringMatching(/^kev \+25: exploited in the wild/)]),
    );
    expect(items[1]?.epss).toBe(0.02);
  });
});

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

describe('the queue against the lab bundle', () => {
  const save = (app: ReturnType<typeof makeApp>, hostId: number, name: string, inventory: HostInventory) => {
    const repo = createScanRepo(app.store.db);
    const runId = repo.createRun('manual', [{ id: hostId, name }], NOW.toISOString());
    repo.saveInventory(runId, hostId, inventory, null, NOW.toISOString());
    repo.finishRun(runId, 'done', NOW.toISOString());
  };

  it('ranks the KEV-listed fix on the internet-facing host first, explains why, and leaves out the fixed library', async () => {
    const app = makeApp();
    const web = app.services.hosts.add(host({ name: 'web1', exposure: 'internet-facing', criticality: 'high' }), admin);
    const api = app.services.hosts.add(host({ name: 'api1', address: '10.0.0.15', exposure: 'internal' }), admin);
    save(app, web.id, 'web1', debian);
    save(app, api.id, 'api1', rocky);
    for (const path of await expandFeedPaths([
      'resources/lab/feeds/kev',
      'resources/lab/feeds/epss',
      'resources/lab/feeds/osv',
    ]))
      await app.services.feeds.importFile(path, admin);
    const items = app.services.queue.items();
    expect(items.map((item) => [item.fix, item.hosts, item.cves, item.kev])).toEqual([
      ['DEBIAN-CVE-2026-90002', ['web1'], ['CVE-2026-90002'], true],
      ['RLSA-2026:9002', ['api1'], ['CVE-2026-90002'], true],
    ]);
    expect(items[0]?.reasons).toEqual([
      expect.stringMatching(/^severity \+20: no rating/),
      expect.stringMatching(/^kev \+25: exploited in the wild \(CISA KEV, due /),
      expect.stringMatching(/^epss \+18\.9: EPSS 94\.3 %/),
      'exposure +10: internet-facing',
      'criticality +4: host criticality high',
      expect.stringMatching(/^ssvc 0: SSVC Attend \(exploitation active/),
    ]);
    // libdemo 1.1 and demo-kernel 1.1 are installed: their advisories are fixed, not findings.
    expect(items.flatMap((item) => item.cves)).not.toContain('CVE-2026-90001');
  });
});
