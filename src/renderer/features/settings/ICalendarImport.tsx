import { useState } from 'react';
import type { WeeklyWindow } from '../../../shared/domain/plan';
import { call } from '../../api/client';

interface ICalendarImportProps {
  /** The zone the windows are to be written in: the form's, saved or not. */
  timeZone: string;
  onWindows: (windows: WeeklyWindow[]) => void;
}

/**
 * Maintenance windows from an iCalendar file (a change calendar exported from the site's
 * calendar): the main process reads it, weekly events become windows added to the form, and
 * the events that cannot be one are listed with why. Nothing is saved until the form is.
 */
export function ICalendarImport({ timeZone, onWindows }: ICalendarImportProps) {
  const [result, setResult] = useState<{ error: boolean; lines: string[] } | null>(null);

  async function read(file: File): Promise<void> {
    const reply = await call('policy.windowsFromICalendar', { text: await file.text(), timeZone });
    if (!reply.ok) {
      setResult({ error: true, lines: [`${file.name}: ${reply.error.message}`] });
      return;
    }
    const { windows, skipped } = reply.value;
    onWindows(windows);
    setResult({
      error: false,
      lines: [
        `${file.name}: ${String(windows.length)} ${windows.length === 1 ? 'window' : 'windows'} added, ${String(skipped.length)} ${skipped.length === 1 ? 'event' : 'events'} skipped. Save to keep them.`,
        ...skipped.map(({ event, reason }) => `Skipped ${event}: ${reason}`),
      ],
    });
  }

  return (
    <div className="field">
      <label htmlFor="policy-ical">Import windows from an iCalendar file (.ics)</label>
      <input
        id="policy-ical"
        type="file"
        accept=".ics,text/calendar"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void read(file);
        }}
      />
      {result && (
        // The status (or alert) wraps the list, so the list keeps its role for readers.
        <div className={result.error ? 'form-error' : 'muted'} role={result.error ? 'alert' : 'status'}>
          <ul aria-label="iCalendar import">
            {result.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
