import { create } from 'zustand';
import type { FeedStatus } from '../../../shared/domain/feed';
import type { RiskException } from '../../../shared/domain/queue';
import { call } from '../../api/client';
import { coalesce } from '../../ui/coalesce';
import { queueRows, type QueueRows } from './queue-rows';

interface QueueState {
  /** The ranked fixes, held as columns (queue-rows.ts); null until the first load succeeds. */
  rows: QueueRows | null;
  feeds: FeedStatus[];
  exceptions: RiskException[];
  loading: boolean;
  error: string | null;
  /** The fix whose reasons are open in the why panel. */
  selected: string | null;
  refresh: () => Promise<void>;
  select: (fix: string | null) => void;
}

export const useQueueStore = create<QueueState>()((set) => ({
  rows: null,
  feeds: [],
  exceptions: [],
  loading: false,
  error: null,
  selected: null,
  // Scans and imports finish in bursts: reload at most twice for a burst.
  refresh: coalesce(async () => {
    set({ loading: true });
    const reply = await call('queue.list', {});
    if (!reply.ok) {
      set({ loading: false, error: reply.error.message });
      return;
    }
    const { items, feeds, exceptions } = reply.value;
    try {
      set({ rows: queueRows(items), feeds, exceptions, loading: false, error: null });
    } catch (error) {
      // Past V8's longest string (~500 million characters of names): say so instead of loading forever.
      set({
        loading: false,
        error: `The queue is too large to show: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }),
  select: (fix) => {
    set({ selected: fix });
  },
}));
