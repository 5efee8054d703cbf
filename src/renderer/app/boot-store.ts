import { create } from 'zustand';
import type { CommandOutput } from '../../shared/contract';
import { call } from '../api/client';

export type AppInfo = CommandOutput<'app.info'>;

type Boot = { status: 'starting' } | { status: 'failed'; message: string } | { status: 'running'; info: AppInfo };

interface BootState {
  boot: Boot;
  start: () => Promise<void>;
}

/** Whether the app could reach its main side at all; nothing else renders until it has. */
export const useBootStore = create<BootState>()((set) => ({
  boot: { status: 'starting' },
  async start() {
    set({ boot: { status: 'starting' } });
    const reply = await call('app.info', {});
    set({
      boot: reply.ok ? { status: 'running', info: reply.value } : { status: 'failed', message: reply.error.message },
    });
  },
}));
