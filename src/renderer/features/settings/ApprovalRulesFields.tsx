import { RINGS } from '../../../shared/domain/host';
import { SEVERITY_LEVELS, type ApprovalRule } from '../../../shared/domain/plan';
import { ringsOf, toggled } from './policy-form-model';

const NEW_RULE: ApprovalRule = {
  rings: ['important'],
  classification: 'security',
  minSeverity: 'important',
  afterDays: 3,
};

interface ApprovalRulesFieldsProps {
  rules: readonly ApprovalRule[];
  onChange: (rules: ApprovalRule[]) => void;
}

/**
 * Approval rules: a ring that waits for approval starts by itself when every fix of the rollout
 * is of the rule's kind and severity and was released long enough ago. Checked on save by the
 * policy's schema.
 */
export function ApprovalRulesFields({ rules, onChange }: ApprovalRulesFieldsProps) {
  const changeRule = (at: number, next: Partial<ApprovalRule>): void => {
    onChange(rules.map((rule, i) => (i === at ? { ...rule, ...next } : rule)));
  };
  return (
    <fieldset className="controls">
      <legend>Approval rules (a gated ring starts by itself for the fixes a rule covers)</legend>
      {rules.map((rule, at) => {
        const chosen = new Set(rule.rings);
        return (
          <div key={at} className="inline-form" role="group" aria-label={`Approval rule ${String(at + 1)}`}>
            <label>
              Approve{' '}
              <select
                aria-label="Which updates"
                value={rule.classification}
                onChange={(event) => {
                  changeRule(at, { classification: event.target.value === 'any' ? 'any' : 'security' });
                }}
              >
                <option value="security">security fixes</option>
                <option value="any">any update</option>
              </select>
            </label>
            <label>
              of severity{' '}
              <select
                aria-label="Lowest severity"
                value={rule.minSeverity}
                onChange={(event) => {
                  const level = SEVERITY_LEVELS.find((candidate) => candidate === event.target.value);
                  if (level) changeRule(at, { minSeverity: level });
                }}
              >
                {SEVERITY_LEVELS.map((level) => (
                  <option key={level} value={level}>
                    {level} or above
                  </option>
                ))}
              </select>
            </label>
            <label>
              days after release{' '}
              <input
                aria-label="Days after release"
                type="number"
                min={0}
                max={365}
                value={rule.afterDays}
                onChange={(event) => {
                  changeRule(at, { afterDays: Math.floor(Number(event.target.value)) });
                }}
              />
            </label>
            {/* Direct children of the row, as the window rows' day boxes are, so they line up the same. */}
            <span>for</span>
            {RINGS.map((ring) => (
              <label key={ring}>
                <input
                  type="checkbox"
                  aria-label={`Approves ring ${ring}`}
                  checked={chosen.has(ring)}
                  onChange={(event) => {
                    changeRule(at, { rings: ringsOf(toggled(chosen, ring, event.target.checked)) });
                  }}
                />
                {ring}
              </label>
            ))}
            <button
              type="button"
              onClick={() => {
                onChange(rules.filter((_, i) => i !== at));
              }}
            >
              Remove rule
            </button>
          </div>
        );
      })}
      <button
        type="button"
        onClick={() => {
          onChange([...rules, NEW_RULE]);
        }}
      >
        Add approval rule
      </button>
    </fieldset>
  );
}
