import { create } from 'zustand';
import type { Host, HostInput } from '../../../shared/domain/host';
import type { HostSummary } from '../../../shared/domain/scan';
import type { Envelope } from '../../../shared/result';
import { call } from '../../api/client';
import { coalesce } from '../../ui/coalesce';

interface FleetState {
  /** Null until the first load succeeds. */
  hosts: Host[] | null;
  /** Each host's last scan at a glance, by host id; hosts never scanned have none. */
  summaries: ReadonlyMap<number, HostSummary>;
  loading: boolean;
  error: string | null;
  /** Why the scan columns are blank, when the summaries could not be loaded. */
  summariesError: string | null;
  /** Reloads hosts and summaries; bursts of calls cost at most two loads (see coalesce). */
  refresh: () => Promise<void>;
  /** Reloads only the summaries, after scans finished. */
  refreshSummaries: () => Promise<void>;
  /** Adds a host when `id` is null, else replaces that host's fields. */
  saveHost: (id: number | null, host: HostInput) => Promise<Envelope<Host>>;
  removeHost: (id: number) => Promise<Envelope<{ id: number }>>;
}

export const useFleetStore = create<FleetState>()((set, get) => {
  const loadSummaries = async (): Promise<void> => {
    const reply = await call('fleet.summaries', {});
    set(
      reply.ok
        ? { summaries: new Map(reply.value.map((summary) => [summary.hostId, summary])), summariesError: null }
        : { summariesError: reply.error.message },
    );
  };
  const loadHosts = async (): Promise<void> => {
    set({ loading: true });
    const [hosts] = await Promise.all([call('fleet.list', {}), loadSummaries()]);
    set(
      hosts.ok ? { hosts: hosts.value, loading: false, error: null } : { loading: false, error: hosts.error.message },
    );
  };
  const refresh = coalesce(loadHosts);
  return {
    hosts: null,
    summaries: new Map(),
    loading: false,
    error: null,
    summariesError: null,
    refresh,
    refreshSummaries: coalesce(loadSummaries),
    async saveHost(id, host) {
      const reply = id === null ? await call('fleet.add', host) : await call('fleet.update', { id, host });
      if (reply.ok) void get().refresh();
      return reply;
    },
    async removeHost(id) {
      const reply = await call('fleet.remove', { id });
      if (reply.ok) void get().refresh();
      return reply;
    },
  };
});
