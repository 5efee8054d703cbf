import type { Switchover } from '../../../shared/domain/graph';
import { Field } from '../../ui/Field';
import { switchoverErrors, switchoverFrom, type SwitchoverField } from './service-fields';

interface SwitchoverFieldsProps {
  switchover: Switchover | null;
  onChange: (switchover: Switchover | null) => void;
}

/**
 * How a database cluster's replica takes over before its primary is patched: two commands run as
 * root. Both empty means none, and the primary is then patched while it still is the primary.
 */
export function SwitchoverFields({ switchover, onChange }: SwitchoverFieldsProps) {
  const errors = switchoverErrors(switchover);
  const commands = { demote: switchover?.demote ?? '', promote: switchover?.promote ?? '' };
  const command = (field: SwitchoverField, label: string, hint: string) => (
    <Field id={`service-switchover-${field}`} label={label} error={errors[field]} hint={hint}>
      {(control) => (
        <textarea
          {...control}
          rows={3}
          spellCheck={false}
          value={commands[field]}
          onChange={(event) => {
            const next = { ...commands, [field]: event.target.value };
            onChange(switchoverFrom(next.demote, next.promote));
          }}
        />
      )}
    </Field>
  );
  return (
    <fieldset className="graph-fieldset">
      <legend>Switchover</legend>
      <p className="field-hint">
        Run as root, demote first. {'{from}'} and {'{to}'} become the old and new primary’s addresses; both commands
        must be safe to run twice. Leave both empty for none.
      </p>
      {command('demote', 'Demote command', 'On the old primary: stop taking writes, follow {to}')}
      {command('promote', 'Promote command', 'On the replica taking over')}
    </fieldset>
  );
}
