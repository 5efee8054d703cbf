import { create } from 'zustand';
import type { Host, HostInput } from '../../../shared/domain/host';
import type { Envelope } from '../../../shared/result';
import { call } from '../../api/client';

interface FleetState {
  /** Null until the first load succeeds. */
  hosts: Host[] | null;
  loading: boolean;
  error: string | null;
  refresh: () => Promise<void>;
  /** Adds a host when `id` is null, else replaces that host's fields. */
  saveHost: (id: number | null, host: HostInput) => Promise<Envelope<Host>>;
  removeHost: (id: number) => Promise<Envelope<{ id: number }>>;
}

export const useFleetStore = create<FleetState>()((set, get) => {
  // Change events can trigger overlapping refreshes; only the newest one may write the list.
  let latest = 0;
  return {
    hosts: null,
    loading: false,
    error: null,
    async refresh() {
      const ticket = ++latest;
      set({ loading: true });
      const reply = await call('fleet.list', {});
      if (ticket !== latest) return;
      set(
        reply.ok ? { hosts: reply.value, loading: false, error: null } : { loading: false, error: reply.error.message },
      );
    },
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
