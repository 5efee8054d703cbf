import { create } from 'zustand';
import type { FeedStatus } from '../../../shared/domain/feed';
import type { FindingRow } from '../../../shared/domain/queue';
import { call } from '../../api/client';
import { coalesce } from '../../ui/coalesce';

interface VulnsState {
  /** Null until the first load succeeds. */
  data: { feeds: FeedStatus[]; findings: FindingRow[] } | null;
  error: string | null;
  refresh: () => Promise<void>;
}

export const useVulnsStore = create<VulnsState>()((set) => ({
  data: null,
  error: null,
  refresh: coalesce(async () => {
    const reply = await call('vulns.list', {});
    set(reply.ok ? { data: reply.value, error: null } : { error: reply.error.message });
  }),
}));
