import type { WebSocket } from 'ws';
import type { EventName, EventPayload } from '../../shared/contract';

/** Fans events out to every connected browser as `{ event, payload }` text frames. */
export function createEventHub() {
  const clients = new Set<WebSocket>();
  // An arrow function, because the app's event sink is this function passed on its own.
  const publish = <K extends EventName>(name: K, payload: EventPayload<K>): void => {
    const frame = JSON.stringify({ event: name, payload });
    for (const socket of clients) if (socket.readyState === socket.OPEN) socket.send(frame);
  };
  return {
    publish,
    attach(socket: WebSocket): void {
      clients.add(socket);
      socket.on('close', () => clients.delete(socket));
      // Browsers only listen on this socket; anything they send is ignored.
      socket.on('message', () => undefined);
    },
    closeAll(): void {
      for (const socket of clients) socket.close(1001, 'server stopping');
      clients.clear();
    },
    get size(): number {
      return clients.size;
    },
  };
}

export type EventHub = ReturnType<typeof createEventHub>;
