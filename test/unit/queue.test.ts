import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildQueue } from '../../src/main/domain/queue/queue';
import { DEFAULT_SLA, riskScorer, scoreRisk, type RiskInput } from '../../src/main/domain/risk/score';
import { parseDebianInventory } from '../../src/main/fleet/collectors/debian';
import { parseRhelInventory } from '../../src/main/fleet/collectors/rhel';
import { expandFeedPaths } from '../../src/main/feeds/read-feed-file';
import { createScanRepo } from '../../src/main/store/scan-repo';
import type { HostInventory } from '../../src/shared/domain/inventory';
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
