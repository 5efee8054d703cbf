import { COMPENSATING_CONTROLS, CONTROL_LABELS } from '../../../shared/domain/controls';
import { AUTH_METHODS, CRITICALITIES, EXPOSURES, OS_FAMILIES, RINGS, TRANSPORTS } from '../../../shared/domain/host';
import { Field } from '../../ui/Field';
import { Select } from '../../ui/Select';
import { tagsFromText, toggledControls, type HostField, type HostFormValues } from './host-form-model';
import {
  AUTH_METHOD_LABELS,
  CRITICALITY_LABELS,
  EXPOSURE_LABELS,
  OS_FAMILY_LABELS,
  RING_LABELS,
  TRANSPORT_LABELS,
} from './host-labels';

interface HostFormFieldsProps {
  values: HostFormValues;
  errors: Partial<Record<HostField, string>>;
  onChange: (field: HostField, value: string) => void;
}

interface TextOptions {
  hint?: string;
  type?: 'text' | 'number';
}

/** The host form's controls, in the order an admin fills them in: where, how to log in, how to roll out. */
export function HostFormFields({ values, errors, onChange }: HostFormFieldsProps) {
  const text = (field: HostField, label: string, { hint, type = 'text' }: TextOptions = {}) => (
    <Field id={`host-${field}`} label={label} error={errors[field]} hint={hint}>
      {(control) => (
        <input
          {...control}
          type={type}
          {...(type === 'number' ? { min: 1, max: 65535, inputMode: 'numeric' as const } : {})}
          autoComplete="off"
          spellCheck={false}
          value={values[field]}
          onChange={(event) => {
            onChange(field, event.target.value);
          }}
        />
      )}
    </Field>
  );

  const choice = <V extends string>(
    field: HostField,
    label: string,
    options: readonly V[],
    labels: Record<V, string>,
  ) => (
    <Field id={`host-${field}`} label={label} error={errors[field]}>
      {(control) => (
        <Select
          control={control}
          value={values[field]}
          options={options}
          labels={labels}
          onChange={(value) => {
            onChange(field, value);
          }}
        />
      )}
    </Field>
  );

  return (
    <div className="form-grid">
      {text('name', 'Name')}
      {text('address', 'Address', { hint: 'IP address or host name' })}
      {text('port', 'Port', { type: 'number' })}
      {choice('osFamily', 'OS family', OS_FAMILIES, OS_FAMILY_LABELS)}
      {choice('transport', 'Connection', TRANSPORTS, TRANSPORT_LABELS)}
      {text('loginUser', 'Login user')}
      {choice('authMethod', 'Authentication', AUTH_METHODS, AUTH_METHOD_LABELS)}
      {text('credentialRef', 'Credential reference', {
        hint: 'Optional: a stored secret’s name, or file: and the key file’s path',
      })}
      {text('jumpHost', 'Jump host', { hint: 'Optional: the name of another host to connect through' })}
      {text('tags', 'Tags', { hint: 'Comma separated, e.g. web, dmz' })}
      {text('environment', 'Environment')}
      {choice('ring', 'Ring', RINGS, RING_LABELS)}
      {choice('criticality', 'Criticality', CRITICALITIES, CRITICALITY_LABELS)}
      {choice('exposure', 'Exposure', EXPOSURES, EXPOSURE_LABELS)}
      <fieldset className="controls" aria-describedby="host-controls-hint">
        <legend>Compensating controls</legend>
        <p id="host-controls-hint" className="field-hint">
          What you vouch for until it is patched: each one lowers the risk of attacks it makes harder
        </p>
        {COMPENSATING_CONTROLS.map((control) => (
          <label key={control} className="checkbox-line">
            <input
              type="checkbox"
              name="controls"
              value={control}
              checked={tagsFromText(values.controls).includes(control)}
              onChange={(event) => {
                onChange('controls', toggledControls(values.controls, control, event.target.checked));
              }}
            />
            {CONTROL_LABELS[control]}
          </label>
        ))}
        {errors.controls && (
          <p className="field-error" role="alert">
            {errors.controls}
          </p>
        )}
      </fieldset>
    </div>
  );
}
