import { create } from 'zustand';
import type { FeedStatus } from '../../../shared/domain/feed';
import type { QueueItem } from '../../../shared/domain/queue';
import { call } from '../../api/client';
import { coalesce } from '../../ui/coalesce';

interface QueueState {
  /** Null until the first load succeeds. */
  items: QueueItem[] | null;
  feeds: FeedStatus[];
  loading: boolean;
  error: string | null;
  /** The fix whose reasons are open in the why panel. */
  selected: string | null;
  refresh: () => Promise<void>;
  select: (fix: string | null) => void;
}

export const useQueueStore = create<QueueState>()((set) => ({
  items: null,
  feeds: [],
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
    set({ items: reply.value.items, feeds: reply.value.feeds, loading: false, error: null });
  }),
  select: (fix) => {
    set({ selected: fix });
  },
}));
