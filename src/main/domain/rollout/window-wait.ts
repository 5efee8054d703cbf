import { slotsFor } from '../plan/windows';
import type { RunPolicy } from './model';

/**
 * When a batch may start: never before the rollout's `notBefore`; inside its planned slot (from its start) while that lasts; once it has
 * passed (a pause, a slow batch before it), in the next slot the rollout's windows allow; with no
 * windows, at once. `never` when no slot opens within the planner's horizon, or the windows
 * cannot hold a batch (the reason). Instants in ms. Pure.
 */
export function batchStartAt(
  planned: { start: string; end: string },
  now: number,
  policy: RunPolicy,
): { at: number } | { never: string } {
  // Scheduled for later: the windows are judged from then on.
  const scheduled = policy.notBefore ? Date.parse(policy.notBefore) : now;
  if (scheduled > now) {
    const later = batchStartAt(planned, scheduled, policy);
    return 'at' in later ? { at: Math.max(later.at, scheduled) } : later;
  }
  const [start, end] = [Date.parse(planned.start), Date.parse(planned.end)];
  const site = policy.windows;
  // Any time, or a rollout started before windows were kept with it (it ran batches back to back).
  if (!site || site.windows.length === 0) return { at: now };
  if (now < end) return { at: Math.max(start, now) };
  const slots = slotsFor(site.windows, site.timeZone, site.batchMinutes);
  if (!slots.ok) return { never: slots.reason };
  const next = slots.next(now);
  return next ? { at: next.start } : { never: 'no maintenance window opens in the next 15 days' };
}
