import { create } from 'zustand';
import type { AuditEntry, AuditVerification } from '../../../shared/domain/audit';
import { call } from '../../api/client';

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

export const useAuditStore = create<AuditState>()((set) => {
  // New entries can trigger overlapping refreshes; only the newest one may write the list.
  let latest = 0;
  return {
    entries: null,
    loading: false,
    error: null,
    verification: { status: 'idle' },
    async refresh() {
      const ticket = ++latest;
      set({ loading: true });
      const reply = await call('audit.list', { limit: AUDIT_PAGE_SIZE });
      if (ticket !== latest) return;
      if (!reply.ok) {
        set({ loading: false, error: reply.error.message });
        return;
      }
      const entries = [...reply.value].sort((a, b) => b.seq - a.seq);
      set({ entries, loading: false, error: null });
    },
    async verify() {
      set({ verification: { status: 'checking' } });
      const reply = await call('audit.verify', {});
      set({
        verification: reply.ok
          ? { status: 'done', result: reply.value }
          : { status: 'failed', message: reply.error.message },
      });
    },
  };
});
