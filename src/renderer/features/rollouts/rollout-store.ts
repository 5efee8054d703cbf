import { create } from 'zustand';
import type { Ring } from '../../../shared/domain/host';
import type { RolloutScope, RolloutStart, RolloutStep, RolloutView } from '../../../shared/domain/rollout';
import type { Envelope } from '../../../shared/result';
import { call } from '../../api/client';
import { paced } from './paced';

/** A rollout changes many times a second while a batch runs; the page reloads at most this often. */
const RELOAD_GAP_MS = 250;

/** An admin's command to the rollout on screen. */
export type RolloutCommand =
  { kind: 'approve'; ring: Ring } | { kind: 'pause' } | { kind: 'resume' } | { kind: 'cancel' } | { kind: 'roll-back' };

function send(id: number, command: RolloutCommand): Promise<Envelope<RolloutView>> {
  switch (command.kind) {
    case 'approve':
      return call('rollout.approve', { id, ring: command.ring });
    case 'pause':
      return call('rollout.pause', { id });
    case 'resume':
      return call('rollout.resume', { id });
    case 'cancel':
      return call('rollout.cancel', { id });
    case 'roll-back':
      return call('rollout.rollBack', { id });
  }
}

interface Selected {
  rolloutId: number;
  host: string;
}

interface RolloutState {
  /** The unfinished rollout, else the latest; null before the first (or until loaded). */
  current: RolloutView | null;
  /** The first load has answered, one way or the other. */
  loaded: boolean;
  error: string | null;
  /** The host whose step log is open. */
  selected: Selected | null;
  /** Its steps; null while loading. */
  steps: RolloutStep[] | null;
  stepsError: string | null;
  /** What the next rollout covers: the fixes chosen in the queue (every fix when none). */
  scope: RolloutScope;
  setScope: (scope: RolloutScope) => void;
  /** Reloads the rollout and the open step log; bursts are paced (see paced). */
  refresh: () => Promise<void>;
  select: (host: string | null) => void;
  start: (input: RolloutStart) => Promise<Envelope<{ rolloutId: number }>>;
  command: (id: number, command: RolloutCommand) => Promise<Envelope<RolloutView>>;
}

/** Every fix in the queue, on every host it covers. */
export const EVERY_FIX: RolloutScope = { fixes: [] };

const same = (a: Selected | null, b: Selected | null): boolean => a?.rolloutId === b?.rolloutId && a?.host === b?.host;

/** The current rollout and the step log of one of its hosts, kept current by `rollout.change` events. */
export const useRolloutStore = create<RolloutState>()((set, get) => {
  const loadSteps = async (selected: Selected): Promise<void> => {
    const reply = await call('rollout.steps', { id: selected.rolloutId, host: selected.host });
    // The admin may have picked another host while this one's steps were on their way.
    if (!same(get().selected, selected)) return;
    set(reply.ok ? { steps: reply.value, stepsError: null } : { stepsError: reply.error.message });
  };

  const load = async (): Promise<void> => {
    const reply = await call('rollout.current', {});
    if (!reply.ok) {
      set({ loaded: true, error: reply.error.message });
      return;
    }
    const current = reply.value;
    const { selected } = get();
    // A new rollout, or a host no longer in it, closes the step log.
    const keep =
      selected !== null &&
      current?.id === selected.rolloutId &&
      current.hosts.some((host) => host.host === selected.host);
    set({ current, loaded: true, error: null, ...(keep ? {} : { selected: null, steps: null, stepsError: null }) });
    if (keep) await loadSteps(selected);
  };
  const refresh = paced(load, RELOAD_GAP_MS);

  return {
    current: null,
    loaded: false,
    error: null,
    selected: null,
    steps: null,
    stepsError: null,
    scope: EVERY_FIX,
    setScope: (scope) => {
      set({ scope });
    },
    refresh,
    select(host) {
      const { current } = get();
      const selected = host !== null && current ? { rolloutId: current.id, host } : null;
      set({ selected, steps: null, stepsError: null });
      if (selected) void loadSteps(selected);
    },
    async start(input) {
      const reply = await call('rollout.start', input);
      if (reply.ok) void refresh();
      return reply;
    },
    async command(id, command) {
      const reply = await send(id, command);
      if (reply.ok && get().current?.id === id) set({ current: reply.value });
      return reply;
    },
  };
});
