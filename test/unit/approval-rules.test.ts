import { describe, expect, it } from 'vitest';
import { ringApproval, ruleText, severityLevel, type FixFacts } from '../../src/main/domain/plan/approval';
import { DEFAULT_ROLLOUT_POLICY, type ApprovalRule } from '../../src/shared/domain/plan';
import { queuedApp } from './queued-app';
import { admin } from './support';

const NOW = new Date('2026-11-26T12:00:00.000Z');
const daysAgo = (days: number): string => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const fix = (name: string, over: Partial<FixFacts> = {}): FixFacts => ({
  fix: name,
  classification: 'security',
  severity: 'important',
  published: daysAgo(10),
  ...over,
});
const rule = (over: Partial<ApprovalRule> = {}): ApprovalRule => ({
  rings: ['important'],
  classification: 'security',
  minSeverity: 'important',
  afterDays: 3,
  ...over,
});

describe('severity words on one scale', () => {
  it.each([
    ['Critical', 'critical'],
    ['Important', 'important'],
    ['high', 'important'],
    ['Moderate', 'moderate'],
    ['medium', 'moderate'],
    ['Low', 'low'],
    ['unimportant', 'low'],
    ['negligible', 'low'],
    ['not yet assigned', null],
    [null, null],
  ] as const)('%s is %s', (word, level) => {
    expect(severityLevel(word)).toBe(level);
  });
});

describe('a gated ring approved by the rules', () => {
  const SECURITY = 'security fixes of important severity or above, 3 days after release';
  it.each<[string, FixFacts[], ApprovalRule[], ReturnType<typeof ringApproval>]>([
    ['every fix covered', [fix('A'), fix('B', { severity: 'critical' })], [rule()], { approvedBy: SECURITY }],
    [
      'no rule names the ring',
      [fix('A')],
      [rule({ rings: ['critical'] })],
      { waits: 'no approval rule covers ring important' },
    ],
    [
      'one fix too young',
      [fix('A'), fix('B', { published: daysAgo(2) })],
      [rule()],
      { waits: 'not covered by the approval rules: B (released 2 days ago)' },
    ],
    [
      'below the severity',
      [fix('A', { severity: 'moderate' })],
      [rule()],
      { waits: 'not covered by the approval rules: A (moderate severity)' },
    ],
    [
      'no severity known',
      [fix('A', { severity: null })],
      [rule()],
      { waits: 'not covered by the approval rules: A (no severity given)' },
    ],
    [
      'no release date known',
      [fix('A', { published: null })],
      [rule()],
      { waits: 'not covered by the approval rules: A (no release date given)' },
    ],
    [
      'no release date needed once released',
      [fix('A', { published: null })],
      [rule({ afterDays: 0 })],
      { approvedBy: 'security fixes of important severity or above, once released' },
    ],
    [
      'other updates under a security rule',
      [fix('A'), fix('the other pending updates', { classification: 'other', severity: null, published: null })],
      [rule()],
      { waits: 'not covered by the approval rules: the other pending updates (not a security fix)' },
    ],
    [
      'two rules, each covering some',
      [
        fix('A', { severity: 'low', published: daysAgo(40) }),
        fix('B', { severity: 'critical', published: daysAgo(1) }),
      ],
      [rule({ minSeverity: 'low', afterDays: 30 }), rule({ minSeverity: 'critical', afterDays: 0 })],
      {
        approvedBy:
          'security fixes of low severity or above, 30 days after release; security fixes of critical severity or above, once released',
      },
    ],
  ])('%s', (_, fixes, rules, verdict) => {
    expect(ringApproval('important', fixes, rules, NOW)).toEqual(verdict);
  });

  it('names a day in the singular', () => {
    expect(ruleText(rule({ afterDays: 1, classification: 'any', minSeverity: 'low' }))).toBe(
      'updates of low severity or above, 1 day after release',
    );
  });
});

describe('approval rules in the plan', () => {
  it('lifts a ring’s gate once every fix is covered and old enough, and says by which rule', async () => {
    const { app, at, close } = await queuedApp();
    try {
      const ring = app.services.hosts.list()[0]?.ring ?? 'non-critical';
      const gated = { ...DEFAULT_ROLLOUT_POLICY, rings: [ring], approvalRings: [ring] };
      app.services.plans.setPolicy(gated, admin);
      expect(app.services.plans.plan([]).rings[0]).toMatchObject({ approval: true, approvedBy: null });

      // Low severity or above, 60 days after release. Debian's advisory gives no severity, and no
      // CVSS score is known for its CVE yet; the lab's advisories are younger than 60 days anyway.
      const rules: ApprovalRule[] = [{ rings: [ring], classification: 'security', minSeverity: 'low', afterDays: 60 }];
      app.services.plans.setPolicy({ ...gated, approvalRules: rules }, admin);
      const young = app.services.plans.plan([]);
      expect(young.rings[0]).toMatchObject({ approval: true, approvedBy: null });
      expect(young.warnings).toContain(
        `Ring ${ring} waits for an admin's approval: not covered by the approval rules: DEBIAN-CVE-2026-90002 (no severity given), RLSA-2026:9002 (released 37 days ago)`,
      );
      // NVD's CVSS score gives the Debian fix its severity.
      await app.services.feeds.importFile('resources/lab/feeds/nvd/nvdcve-2.0-lab.json', admin);

      at('2027-03-01T12:00:00.000Z');
      expect(app.services.plans.plan([]).rings[0]).toMatchObject({
        approval: false,
        approvedBy: 'security fixes of low severity or above, 60 days after release',
      });
      // The other pending updates a rollout may add are no security fixes: the gate stays.
      const withUpdates = app.services.rollouts.plan({ fixes: [], allUpdates: true });
      expect(withUpdates.rings[0]).toMatchObject({ approval: true, approvedBy: null });
    } finally {
      close();
    }
  });
});
