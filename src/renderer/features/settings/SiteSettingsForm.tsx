import { useEffect, useRef, useState } from 'react';
import { siteSettingsSchema, type SiteSettings } from '../../../shared/domain/settings';
import { Field } from '../../ui/Field';
import { errorsFromIssues, errorsFromReply, NO_ERRORS, type FormErrors } from '../../ui/form-errors';
import { numberFromInput } from '../../ui/number-input';
import { useSettingsStore } from './settings-store';

const FIELDS = ['siteName', 'feedMaxAgeDays'] as const;
type SettingsField = (typeof FIELDS)[number];

/** Site name and feed age limit, checked with the same schema the main side uses. */
export function SiteSettingsForm({ settings }: { settings: SiteSettings }) {
  const save = useSettingsStore((state) => state.save);
  const [siteName, setSiteName] = useState(settings.siteName);
  const [feedDays, setFeedDays] = useState(String(settings.feedMaxAgeDays));
  const [errors, setErrors] = useState<FormErrors<SettingsField>>(NO_ERRORS);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  async function submit(): Promise<void> {
    setSaved(false);
    const parsed = siteSettingsSchema.safeParse({ siteName, feedMaxAgeDays: numberFromInput(feedDays) });
    if (!parsed.success) {
      setErrors(errorsFromIssues(parsed.error.issues, FIELDS));
      return;
    }
    setErrors(NO_ERRORS);
    setSaving(true);
    const reply = await save(parsed.data);
    setSaving(false);
    if (!reply.ok) {
      setErrors(errorsFromReply(reply.error, FIELDS));
      return;
    }
    setSiteName(reply.value.siteName);
    setFeedDays(String(reply.value.feedMaxAgeDays));
    setSaved(true);
  }

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
              value={siteName}
              onChange={(event) => {
                setSiteName(event.target.value);
              }}
            />
          )}
        </Field>
        <Field
          id="settings-feed-age"
          label="Feed age limit (days)"
          error={errors.fields.feedMaxAgeDays}
          hint="Vulnerability feeds older than this are treated as out of date"
        >
          {(control) => (
            <input
              {...control}
              type="number"
              min={1}
              max={365}
              inputMode="numeric"
              value={feedDays}
              onChange={(event) => {
                setFeedDays(event.target.value);
              }}
            />
          )}
        </Field>
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
