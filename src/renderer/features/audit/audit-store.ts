import { create } from 'zustand';
import type { AuditEntry, AuditVerification } from '../../../shared/domain/audit';
import { call } from '../../api/client';
import { coalesce } from '../../ui/coalesce';

/** How many of the newest entries the page shows. */
export const AUDIT_PAGE_SIZE = 200;

export type Verification =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'done'; result: AuditVerification }
  | { status: 'failed'; message: string };

interface AuditState {
  /** Newest first; null until the first load succeeds. */
  entries: AuditEntry[] | null;
  loading: boolean;
  error: string | null;
  verification: Verification;
  refresh: () => Promise<void>;
  verify: () => Promise<void>;
}

export const useAuditStore = create<AuditState>()((set) => ({
  entries: null,
  loading: false,
  error: null,
  verification: { status: 'idle' },
  // An import of thousands of hosts writes thousands of entries; bursts cost at most two loads.
  refresh: coalesce(async () => {
    set({ loading: true });
    const reply = await call('audit.list', { limit: AUDIT_PAGE_SIZE });
    if (!reply.ok) {
      set({ loading: false, error: reply.error.message });
      return;
    }
    const entries = [...reply.value].sort((a, b) => b.seq - a.seq);
    set({ entries, loading: false, error: null });
  }),
  async verify() {
    set({ verification: { status: 'checking' } });
    const reply = await call('audit.verify', {});
    set({
      verification: reply.ok
        ? { status: 'done', result: reply.value }
        : { status: 'failed', message: reply.error.message },
    });
  },
}));
