import { describe, expect, it } from 'vitest';
import { localInput, withNotBefore } from '../../src/renderer/features/rollouts/not-before';

// The tests run with TZ=UTC unless the machine says otherwise; both directions use the same zone.
describe('the Not before field', () => {
  it('shows an instant in this computer’s time and reads it back as the same instant', () => {
    const shown = localInput('2026-11-28T22:00:00.000Z');
    expect(shown).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(withNotBefore({ fixes: [] }, shown)).toEqual({ fixes: [], notBefore: '2026-11-28T22:00:00.000Z' });
  });

  it('drops the time when the field is emptied or cannot be read', () => {
    expect(withNotBefore({ fixes: ['A'], notBefore: '2026-11-28T22:00:00.000Z' }, '')).toEqual({ fixes: ['A'] });
    expect(withNotBefore({ fixes: ['A'] }, 'tomorrow')).toEqual({ fixes: ['A'] });
    expect(localInput(undefined)).toBe('');
  });
});
