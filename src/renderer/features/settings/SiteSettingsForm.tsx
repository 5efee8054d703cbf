import { useEffect, useRef, useState } from 'react';
import { siteSettingsSchema, type SiteSettings } from '../../../shared/domain/settings';
import { Field } from '../../ui/Field';
import { errorsFromIssues, errorsFromReply, NO_ERRORS, type FormErrors } from '../../ui/form-errors';
import { numberFromInput } from '../../ui/number-input';
import {
  FEED_FIELDS,
  SCAN_FIELDS,
  SLA_FIELDS,
  SETTINGS_FIELDS,
  valuesOf,
  type NumberFieldSpec,
  type SettingsField,
} from './settings-fields';
import { useSettingsStore } from './settings-store';

/** Site-wide settings, checked with the same schema the main side uses. */
export function SiteSettingsForm({ settings }: { settings: SiteSettings }) {
  const save = useSettingsStore((state) => state.save);
  const [values, setValues] = useState(() => valuesOf(settings));
  const [errors, setErrors] = useState<FormErrors<SettingsField>>(NO_ERRORS);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const change = (field: SettingsField, value: string | boolean): void => {
    setValues((current) => ({ ...current, [field]: value }));
  };

  async function submit(): Promise<void> {
    setSaved(false);
    const parsed = siteSettingsSchema.safeParse({
      siteName: values.siteName,
      feedMaxAgeDays: numberFromInput(values.feedMaxAgeDays),
      scanConcurrency: numberFromInput(values.scanConcurrency),
      scanTimeoutSeconds: numberFromInput(values.scanTimeoutSeconds),
      rescanIntervalHours: numberFromInput(values.rescanIntervalHours),
      slaKevByDueDate: values.slaKevByDueDate,
      slaActHours: numberFromInput(values.slaActHours),
      slaCriticalInternetFacingDays: numberFromInput(values.slaCriticalInternetFacingDays),
      slaAttendDays: numberFromInput(values.slaAttendDays),
    });
    if (!parsed.success) {
      setErrors(errorsFromIssues(parsed.error.issues, SETTINGS_FIELDS));
      return;
    }
    setErrors(NO_ERRORS);
    setSaving(true);
    const reply = await save(parsed.data);
    setSaving(false);
    if (!reply.ok) {
      setErrors(errorsFromReply(reply.error, SETTINGS_FIELDS));
      return;
    }
    setValues(valuesOf(reply.value));
    setSaved(true);
  }

  const numberField = ({ field, label, hint, min, max }: NumberFieldSpec) => (
    <Field key={field} id={`settings-${field}`} label={label} error={errors.fields[field]} hint={hint}>
      {(control) => (
        <input
          {...control}
          type="number"
          min={min}
          max={max}
          inputMode="numeric"
          value={values[field]}
          onChange={(event) => {
            change(field, event.target.value);
          }}
        />
      )}
    </Field>
  );

  return (
    <form
      ref={formRef}
      aria-label="Site settings"
      className="panel"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2>Site</h2>
      <div className="form-grid">
        <Field id="settings-site-name" label="Site name" error={errors.fields.siteName} hint="Shown in the header">
          {(control) => (
            <input
              {...control}
              type="text"
              autoComplete="off"
              value={values.siteName}
              onChange={(event) => {
                change('siteName', event.target.value);
              }}
            />
          )}
        </Field>
        {FEED_FIELDS.map(numberField)}
      </div>
      <h2 className="form-section">Scanning</h2>
      <div className="form-grid">{SCAN_FIELDS.map(numberField)}</div>
      <h2 className="form-section">Patch deadlines (SLA)</h2>
      <div className="form-grid">
        <Field
          id="settings-slaKevByDueDate"
          label="KEV entries by CISA's due date"
          error={errors.fields.slaKevByDueDate}
          hint="A vulnerability in CISA's catalog is due by the date CISA set, when that comes first"
        >
          {(control) => (
            <input
              {...control}
              type="checkbox"
              checked={values.slaKevByDueDate}
              onChange={(event) => {
                change('slaKevByDueDate', event.target.checked);
              }}
            />
          )}
        </Field>
        {SLA_FIELDS.map(numberField)}
      </div>
      {errors.form && (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          Save settings
        </button>
        <span role="status" className="muted">
          {saving ? 'Saving…' : saved ? 'Settings saved.' : ''}
        </span>
      </div>
    </form>
  );
}
