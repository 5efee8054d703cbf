import type { Envelope } from '../result';

/**
 * The two verbs the renderer gets. Electron's preload provides it over IPC; in browser mode the
 * renderer builds the same shape over HTTP and a WebSocket.
 */
export interface PatchwiseBridge {
  invoke(name: string, input: unknown): Promise<Envelope<unknown>>;
  /** Subscribes to an event; returns the function that unsubscribes. */
  on(name: string, listener: (payload: unknown) => void): () => void;
}
