import { useState } from 'react';
import type { WeeklyWindow } from '../../../shared/domain/plan';
import { call } from '../../api/client';

interface ICalendarImportProps {
  /** The zone the windows are to be written in: the form's, saved or not. */
  timeZone: string;
  onWindows: (windows: WeeklyWindow[]) => void;
}

type ImportState =
  { kind: 'idle' } | { kind: 'reading'; file: string } | { kind: 'done'; error: boolean; lines: string[] };

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Maintenance windows from an iCalendar file (a change calendar exported from the site's
 * calendar): the main process reads it, weekly events become windows added to the form, and
 * the events that cannot be one are listed with why. Nothing is saved until the form is.
 */
export function ICalendarImport({ timeZone, onWindows }: ICalendarImportProps) {
  const [state, setState] = useState<ImportState>({ kind: 'idle' });

  async function read(file: File): Promise<void> {
    setState({ kind: 'reading', file: file.name });
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      // The file can go away or become unreadable between being picked and being read.
      setState({ kind: 'done', error: true, lines: [`${file.name}: ${messageOf(error)}`] });
      return;
    }
    const reply = await call('policy.windowsFromICalendar', { text, timeZone });
    if (!reply.ok) {
      setState({ kind: 'done', error: true, lines: [`${file.name}: ${reply.error.message}`] });
      return;
    }
    const { windows, skipped } = reply.value;
    onWindows(windows);
    setState({
      kind: 'done',
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
        disabled={state.kind === 'reading'}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void read(file);
        }}
      />
      {/* Mounted from the start so screen readers announce what appears in it. A live region
          rather than an empty role="status" or role="alert": the rollout policy form has a status
          and an alert of its own, and an empty second one would still count as one of them. */}
      <div aria-live="polite">
        {state.kind === 'reading' && <p className="muted">Reading {state.file} …</p>}
        {state.kind === 'done' && (
          // The status (or alert) wraps the list, so the list keeps its role for readers.
          <div className={state.error ? 'form-error' : 'muted'} role={state.error ? 'alert' : 'status'}>
            <ul aria-label="iCalendar import">
              {state.lines.map((line, index) => (
                // Two skipped events can share a name and a reason, and so a line.
                <li key={`${String(index)}:${line}`}>{line}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </div>
  );
}
