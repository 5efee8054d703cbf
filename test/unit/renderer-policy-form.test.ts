import { describe, expect, it } from 'vitest';
import { checkPolicy, ringsOf, toggled } from '../../src/renderer/features/settings/policy-form-model';
import { DEFAULT_ROLLOUT_POLICY } from '../../src/shared/domain/plan';

describe('the rollout policy form', () => {
  it('keeps rings in the house order whatever order they are ticked in', () => {
    const ticked = toggled(toggled(new Set(['critical'] as const), 'test', true), 'important', true);
    expect(ringsOf(ticked)).toEqual(['test', 'important', 'critical']);
    expect(ringsOf(toggled(ticked, 'test', false))).toEqual(['important', 'critical']);
  });

  it('names the first problem before anything is sent', () => {
    expect(checkPolicy(DEFAULT_ROLLOUT_POLICY)).toEqual({ ok: true, value: DEFAULT_ROLLOUT_POLICY });
    expect(checkPolicy({ ...DEFAULT_ROLLOUT_POLICY, rings: [] })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^rings: /) as unknown },
    });
    expect(
      checkPolicy({ ...DEFAULT_ROLLOUT_POLICY, windows: [{ days: [1], start: '25:00', end: '04:00' }] }),
    ).toMatchObject({ ok: false, error: { message: 'windows.0.start: Start is a time HH:MM' } });
  });
});
