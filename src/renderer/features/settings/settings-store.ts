import { create } from 'zustand';
import type { SiteSettings } from '../../../shared/domain/settings';
import type { Envelope } from '../../../shared/result';
import { call } from '../../api/client';

interface SettingsState {
  /** Null until the first load succeeds. */
  settings: SiteSettings | null;
  loading: boolean;
  error: string | null;
  load: () => Promise<void>;
  save: (values: SiteSettings) => Promise<Envelope<SiteSettings>>;
}

/** Site settings; the header reads the site name from here, so a save shows up there at once. */
export const useSettingsStore = create<SettingsState>()((set) => ({
  settings: null,
  loading: false,
  error: null,
  async load() {
    set({ loading: true });
    const reply = await call('settings.get', {});
    set(
      reply.ok
        ? { settings: reply.value, loading: false, error: null }
        : { loading: false, error: reply.error.message },
    );
  },
  async save(values) {
    const reply = await call('settings.update', values);
    if (reply.ok) set({ settings: reply.value, error: null });
    return reply;
  },
}));
