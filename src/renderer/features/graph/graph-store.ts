import { create } from 'zustand';
import { serviceGraphSchema, type Edge, type GraphState, type ServiceGraph } from '../../../shared/domain/graph';
import type { Envelope } from '../../../shared/result';
import { call } from '../../api/client';
import { addEdge } from './graph-edit';

interface GraphStore {
  /** What the main side holds, as last loaded or saved; null until the first load. */
  saved: GraphState | null;
  /** The graph being edited; equal to `saved.graph` until something changes. */
  draft: ServiceGraph | null;
  /** The service open in the side panel. */
  selected: string | null;
  busy: boolean;
  error: string | null;
  load: () => Promise<void>;
  edit: (change: (graph: ServiceGraph) => ServiceGraph) => void;
  select: (id: string | null) => void;
  /** Saves the draft as the next version; a validation problem or a conflict comes back as the error. */
  save: () => Promise<void>;
  /** Drops the draft's changes. */
  revert: () => void;
  accept: (edge: Edge) => Promise<void>;
  reject: (edge: Edge) => Promise<void>;
}

/** The first problem the schema finds in a draft, in the schema's words, or null. */
export function draftProblem(draft: ServiceGraph): string | null {
  const parsed = serviceGraphSchema.safeParse(draft);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'The graph is not valid');
}

export const isDirty = (saved: GraphState | null, draft: ServiceGraph | null): boolean =>
  saved !== null && draft !== null && draft !== saved.graph;

export const useGraphStore = create<GraphStore>()((set, get) => {
  /** A reply with a new state replaces both the saved graph and the draft. */
  const settle = (reply: Envelope<GraphState>): void => {
    set(
      reply.ok
        ? { saved: reply.value, draft: reply.value.graph, busy: false, error: null }
        : { busy: false, error: reply.error.message },
    );
  };
  return {
    saved: null,
    draft: null,
    selected: null,
    busy: false,
    error: null,
    async load() {
      set({ busy: true });
      const reply = await call('graph.get', {});
      // A reload while editing keeps the admin's draft: only a save or revert replaces it.
      if (reply.ok && isDirty(get().saved, get().draft)) set({ saved: reply.value, busy: false, error: null });
      else settle(reply);
    },
    edit(change) {
      const { draft } = get();
      if (draft) set({ draft: change(draft) });
    },
    select(id) {
      set({ selected: id });
    },
    async save() {
      const { saved, draft } = get();
      if (!saved || !draft) return;
      const problem = draftProblem(draft);
      if (problem) {
        set({ error: problem });
        return;
      }
      set({ busy: true });
      settle(await call('graph.save', { graph: draft, baseVersion: saved.version }));
    },
    revert() {
      const { saved } = get();
      if (saved) set({ draft: saved.graph, error: null });
    },
    async accept(edge) {
      const { saved, draft } = get();
      if (!saved || !draft) return;
      // With unsaved changes the edge joins the draft, saved with the rest; otherwise at once.
      if (isDirty(saved, draft)) {
        set({ draft: addEdge(draft, edge) });
        return;
      }
      set({ busy: true });
      settle(await call('graph.accept', { edge, baseVersion: saved.version }));
    },
    async reject(edge) {
      set({ busy: true });
      const reply = await call('graph.reject', { edge });
      // Rejecting changes only the proposals: an unsaved draft stays as it is.
      if (reply.ok && isDirty(get().saved, get().draft)) set({ saved: reply.value, busy: false, error: null });
      else settle(reply);
    },
  };
});
