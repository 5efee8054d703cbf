import { describe, expect, it } from 'vitest';
import { controlledSeverity, controlMask } from '../../src/main/domain/risk/controls';
import { scoreCvss3 } from '../../src/main/domain/risk/cvss31';
import { scoreCvss4 } from '../../src/main/domain/risk/cvss40';
import { riskScorer, type RiskInput } from '../../src/main/domain/risk/score';
import { cisaCoordinatorDecision } from '../../src/main/domain/risk/ssvc';
import { COMPENSATING_CONTROLS, type CompensatingControl } from '../../src/shared/domain/controls';
import { hostInputSchema } from '../../src/shared/domain/host';
import { admin, host, makeApp } from './support';

const NETWORK = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const mask = (...controls: CompensatingControl[]): number => controlMask(controls);

describe('compensating controls as CVSS environmental metrics', () => {
  it('scores a v3.1 network attack behind an admin-only network as the same attack from an adjacent network', () => {
    const controlled = controlledSeverity({ score: 9.8, vector: NETWORK }, mask('network-restricted'));
    expect(controlled).toEqual({ score: 8.8, modified: ['MAV:A'], assumed: false });
    // The modified metric scores as the base metric it replaces: AV:A's base score is 8.8.
    expect(scoreCvss3(NETWORK.replace('AV:N', 'AV:A')).base).toBe(controlled.score);
  });

  it('applies every control that makes this attack harder, and agrees with the base vector they describe', () => {
    const all = mask(...COMPENSATING_CONTROLS);
    const controlled = controlledSeverity({ score: 9.8, vector: NETWORK }, all);
    expect(controlled.modified).toEqual(['MAV:A', 'MAC:H', 'MPR:L']);
    expect(controlled.score).toBe(scoreCvss3('CVSS:3.1/AV:A/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H').base);
    expect(controlled.score).toBe(7.1);
  });

  it('leaves an attack the controls do not touch as it is, at the score the feed gave', () => {
    const local = 'CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N';
    expect(scoreCvss3(local).base).toBe(1.8);
    expect(controlledSeverity({ score: 2.1, vector: local }, mask(...COMPENSATING_CONTROLS))).toEqual({
      score: 2.1,
      modified: [],
      assumed: false,
    });
  });

  it('never raises a score (the v3.1 environmental formula can round a changed scope up by 0.1)', () => {
    const changed = 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:L/I:L/A:N';
    const base = scoreCvss3(changed).base;
    for (let bits = 0; bits < 1 << COMPENSATING_CONTROLS.length; bits += 1)
      expect(controlledSeverity({ score: base, vector: changed }, bits).score).toBeLessThanOrEqual(base);
  });

  it('modifies a v4.0 vector in the specified metric order, after its threat metric', () => {
    const vector = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/S:N';
    const base = scoreCvss4(vector).score;
    const controlled = controlledSeverity({ score: base, vector }, mask('network-restricted'));
    expect(controlled.modified).toEqual(['MAV:A']);
    expect(controlled.score).toBe(scoreCvss4(vector.replace('AV:N', 'AV:A')).score);
    expect(controlled.score).toBeLessThan(base);
  });

  it('scales a score without a usable vector (a rating, or CVSS v2) as it scales a typical network attack', () => {
    // 8.8 / 9.8 of a rating of 7.5 is 6.73.
    expect(controlledSeverity({ score: 7.5, vector: null }, mask('network-restricted'))).toEqual({
      score: 6.7,
      modified: ['MAV:A'],
      assumed: true,
    });
    expect(controlledSeverity({ score: 7.5, vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' }, mask('exploit-filtering'))).toEqual(
      { score: 6.2, modified: ['MAC:H'], assumed: true },
    );
  });
});

describe('the risk score with compensating controls', () => {
  const NOW = new Date('2026-11-26T12:00:00.000Z');
  const input = (controls: CompensatingControl[]): RiskInput => ({
    cve: 'CVE-2026-7',
    severity: 'Critical',
    cvss: { score: 9.8, vector: NETWORK },
    kev: null,
    epss: null,
    host: { exposure: 'internal', criticality: 'critical', controls },
  });

  it('takes off what the environmental score takes off, says so, and no longer calls the attack automatable', () => {
    const score = riskScorer(NOW);
    const open = score(input([]));
    const guarded = score(input(['network-restricted']));
    // Severity counts CVSS x 4: 9.8 is 39.2 points, 8.8 is 35.2.
    expect(open.score - guarded.score).toBeCloseTo(4, 5);
    expect(guarded.factors).toContainEqual({
      factor: 'controls',
      detail: 'compensating controls network-restricted: CVSS 9.8 to 8.8 (MAV:A, environmental)',
      weight: -4,
    });
    expect(guarded.factors.reduce((sum, factor) => sum + factor.weight, 0)).toBeCloseTo(guarded.score, 5);
    const decide = (automatable: 'yes' | 'no') =>
      cisaCoordinatorDecision({
        exploitation: 'none',
        automatable,
        technicalImpact: 'total',
        missionWellBeing: 'high',
      }).outcome;
    expect(open.ssvc).toBe(decide('yes'));
    expect(guarded.ssvc).toBe(decide('no'));
    expect(guarded.ssvc).not.toBe(open.ssvc);
  });

  it('keeps the short deadline for internet-facing hosts to what is still critical behind the controls', () => {
    const score = riskScorer(NOW);
    const facing = (controls: CompensatingControl[]): RiskInput => ({
      ...input(controls),
      host: { exposure: 'internet-facing', criticality: 'low', controls },
    });
    expect(score(facing([])).due).toBe('2026-12-03T12:00:00.000Z');
    // 8.8 is no longer critical: SSVC's own deadline (Attend, 30 days) or none applies instead.
    expect(score(facing(['network-restricted'])).due).not.toBe('2026-12-03T12:00:00.000Z');
  });
});

describe('a host’s compensating controls', () => {
  it('are stored with the host, read back, and refused when unknown or repeated', () => {
    const app = makeApp();
    const added = app.services.hosts.add(host({ name: 'db1', controls: ['network-restricted'] }), admin);
    expect(app.services.hosts.get(added.id)?.controls).toEqual(['network-restricted']);
    expect(host({ name: 'db2' }).controls).toEqual([]);
    const refused = (controls: unknown) => hostInputSchema.safeParse({ ...host({ name: 'db3' }), controls }).success;
    expect(refused(['air-gapped'])).toBe(false);
    expect(refused(['network-restricted', 'network-restricted'])).toBe(false);
    expect(refused(['exploit-filtering'])).toBe(true);
    app.close();
  });
});
