import type { PlanBatch } from '../../../shared/domain/plan';

/** A batch's slot in the site's time zone, as the admin reads it: `Sat 28 Nov 02:00–02:30`. */
export function slotText(window: PlanBatch['window'], timeZone: string): string {
  const day = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' });
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const start = new Date(window.start);
  const end = new Date(window.end);
  const sameDay = day.format(start) === day.format(end);
  return `${day.format(start)} ${time.format(start)}–${sameDay ? '' : `${day.format(end)} `}${time.format(end)}`;
}

/** What happens first in a batch: a replica taking over from the primary patched in it. */
export function switchoverText(batch: PlanBatch): string[] {
  return batch.switchovers.map(({ service, from, to }) => `${to} takes over ${service} from ${from}`);
}
