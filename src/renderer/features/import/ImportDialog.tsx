import { useState } from 'react';
import { DEFAULT_HOST_INPUT } from '../../../shared/domain/host';
import {
  IMPORT_FORMATS,
  importDefaultsSchema,
  type ImportDefaults,
  type ImportFormat,
  type ImportResult,
} from '../../../shared/domain/import';
import { call } from '../../api/client';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { errorsFromIssues, NO_ERRORS, type FormErrors } from '../../ui/form-errors';
import { Select } from '../../ui/Select';
import { useFleetStore } from '../fleet/fleet-store';
import { ImportDefaultsFields } from './ImportDefaultsFields';
import { FORMAT_HINTS, FORMAT_LABELS } from './import-labels';
import { ImportFileInput } from './ImportFileInput';
import { importCounts, ImportPreview } from './ImportPreview';

const DEFAULT_FIELDS = ['loginUser', 'environment', 'ring', 'criticality', 'exposure'] as const;

const INITIAL_DEFAULTS: ImportDefaults = {
  loginUser: DEFAULT_HOST_INPUT.loginUser,
  environment: DEFAULT_HOST_INPUT.environment,
  ring: DEFAULT_HOST_INPUT.ring,
  criticality: DEFAULT_HOST_INPUT.criticality,
  exposure: DEFAULT_HOST_INPUT.exposure,
};

/** The preview belongs to exactly what was sent; any edit after it makes Apply wait for a new one. */
interface Preview {
  key: string;
  result: ImportResult;
}

/**
 * Import hosts from an inventory the site already has. Nothing changes until the admin has seen
 * the preview (what would be added, pinned, skipped and why) and presses Apply.
 */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const refresh = useFleetStore((state) => state.refresh);
  const [format, setFormat] = useState<ImportFormat>('csv');
  const [text, setText] = useState('');
  const [defaults, setDefaults] = useState(INITIAL_DEFAULTS);
  const [errors, setErrors] = useState<FormErrors<(typeof DEFAULT_FIELDS)[number]>>(NO_ERRORS);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [applied, setApplied] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState<'preview' | 'apply' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const key = JSON.stringify({ format, text, defaults });
  const current = preview?.key === key ? preview.result : null;
  const counts = current ? importCounts(current) : null;
  const applicable = counts ? counts.add + counts.pin : 0;

  async function send(apply: boolean): Promise<void> {
    const parsed = importDefaultsSchema.safeParse(defaults);
    if (!parsed.success) {
      setErrors(errorsFromIssues(parsed.error.issues, DEFAULT_FIELDS));
      return;
    }
    if (text.trim() === '') {
      setFailure('Paste the inventory or choose a file first.');
      return;
    }
    setErrors(NO_ERRORS);
    setBusy(apply ? 'apply' : 'preview');
    const reply = await call('fleet.import', { format, text, defaults: parsed.data, apply });
    setBusy(null);
    if (!reply.ok) {
      setFailure(`${apply ? 'Import' : 'Preview'} failed: ${reply.error.message}`);
      return;
    }
    setFailure(null);
    if (apply) {
      setApplied(reply.value);
      setPreview(null);
      void refresh();
    } else {
      setApplied(null);
      setPreview({ key, result: reply.value });
    }
  }

  return (
    <Dialog title="Import hosts" size="wide" onClose={onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void send(false);
        }}
      >
        <div className="import-source">
          <Field id="import-format" label="Format" hint={FORMAT_HINTS[format]}>
            {(control) => (
              <Select
                control={control}
                value={format}
                options={IMPORT_FORMATS}
                labels={FORMAT_LABELS}
                onChange={setFormat}
              />
            )}
          </Field>
          <ImportFileInput
            onRead={(fileText, detected) => {
              setText(fileText);
              if (detected) setFormat(detected);
              setFailure(null);
            }}
            onError={setFailure}
          />
        </div>
        <Field id="import-text" label="Inventory text">
          {(control) => (
            <textarea
              {...control}
              data-autofocus
              rows={8}
              spellCheck={false}
              className="mono"
              value={text}
              onChange={(event) => {
                setText(event.target.value);
              }}
            />
          )}
        </Field>
        {format !== 'known-hosts' && (
          <ImportDefaultsFields values={defaults} errors={errors.fields} onChange={setDefaults} />
        )}
        {failure && (
          <p className="form-error" role="alert">
            {failure}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" disabled={busy !== null}>
            Preview
          </button>
          <button
            type="button"
            className="primary"
            disabled={busy !== null || applicable === 0}
            onClick={() => {
              void send(true);
            }}
          >
            Apply
          </button>
          <button type="button" onClick={onClose}>
            {applied ? 'Done' : 'Cancel'}
          </button>
          <span className="loading-note" aria-live="polite">
            {busy === 'preview' ? 'Reading the file…' : busy === 'apply' ? 'Importing…' : ''}
            {preview && !current && busy === null ? 'Changed since the preview: preview again before applying.' : ''}
          </span>
        </div>
      </form>
      {applied && <ImportPreview result={applied} />}
      {current && <ImportPreview result={current} />}
    </Dialog>
  );
}
