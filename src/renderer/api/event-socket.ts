type Listener = (payload: unknown) => void;

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

/**
 * One WebSocket shared by every subscriber, opened on the first subscription. Frames are
 * `{ "event": name, "payload": … }`. If the socket drops (server restart, laptop sleep) it is
 * reopened with a doubling delay, so a stopped server is not hammered.
 */
export function createEventSocket(url: string) {
  const listeners = new Map<string, Set<Listener>>();
  let socket: WebSocket | null = null;
  let retryTimer: number | null = null;
  let retryMs = FIRST_RETRY_MS;

  function deliver(data: unknown): void {
    if (typeof data !== 'string') return;
    let frame: unknown;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null || !('event' in frame) || typeof frame.event !== 'string') return;
    const payload = 'payload' in frame ? frame.payload : undefined;
    for (const listener of listeners.get(frame.event) ?? []) listener(payload);
  }

  function connect(): void {
    retryTimer = null;
    const next = new WebSocket(url);
    socket = next;
    next.addEventListener('open', () => {
      retryMs = FIRST_RETRY_MS;
    });
    next.addEventListener('message', (message) => {
      deliver(message.data);
    });
    // 'error' is always followed by 'close', so reconnecting is handled once, here.
    next.addEventListener('close', () => {
      socket = null;
      retryTimer = window.setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    });
  }

  return {
    on(name: string, listener: Listener): () => void {
      if (socket === null && retryTimer === null) connect();
      const forName = listeners.get(name) ?? new Set<Listener>();
      forName.add(listener);
      listeners.set(name, forName);
      return () => {
        forName.delete(listener);
      };
    },
  };
}
