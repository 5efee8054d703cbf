import { CRITICALITIES, EXPOSURES, RINGS } from '../../../shared/domain/host';
import type { ImportDefaults } from '../../../shared/domain/import';
import { Field } from '../../ui/Field';
import { Select } from '../../ui/Select';
import { CRITICALITY_LABELS, EXPOSURE_LABELS, RING_LABELS } from '../fleet/host-labels';

interface ImportDefaultsFieldsProps {
  values: ImportDefaults;
  errors: Partial<Record<keyof ImportDefaults, string>>;
  onChange: (values: ImportDefaults) => void;
}

/** Values for whatever the file leaves out, e.g. a CSV without a ring column. */
export function ImportDefaultsFields({ values, errors, onChange }: ImportDefaultsFieldsProps) {
  const text = (field: 'loginUser' | 'environment', label: string) => (
    <Field id={`import-${field}`} label={label} error={errors[field]}>
      {(control) => (
        <input
          {...control}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={values[field]}
          onChange={(event) => {
            onChange({ ...values, [field]: event.target.value });
          }}
        />
      )}
    </Field>
  );
  return (
    <fieldset className="defaults">
      <legend>Defaults for what the file does not say</legend>
      <div className="form-grid">
        {text('loginUser', 'Default login user')}
        {text('environment', 'Default environment')}
        <Field id="import-ring" label="Default ring" error={errors.ring}>
          {(control) => (
            <Select
              control={control}
              value={values.ring}
              options={RINGS}
              labels={RING_LABELS}
              onChange={(ring) => {
                onChange({ ...values, ring });
              }}
            />
          )}
        </Field>
        <Field id="import-criticality" label="Default criticality" error={errors.criticality}>
          {(control) => (
            <Select
              control={control}
              value={values.criticality}
              options={CRITICALITIES}
              labels={CRITICALITY_LABELS}
              onChange={(criticality) => {
                onChange({ ...values, criticality });
              }}
            />
          )}
        </Field>
        <Field id="import-exposure" label="Default exposure" error={errors.exposure}>
          {(control) => (
            <Select
              control={control}
              value={values.exposure}
              options={EXPOSURES}
              labels={EXPOSURE_LABELS}
              onChange={(exposure) => {
                onChange({ ...values, exposure });
              }}
            />
          )}
        </Field>
      </div>
    </fieldset>
  );
}
