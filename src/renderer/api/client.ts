import type {
  CommandName,
  CommandOutput,
  CommandRequest,
  EventName,
  EventPayload,
  PatchwiseBridge,
} from '../../shared/contract';
import type { Envelope } from '../../shared/result';
import { createHttpBridge } from './http-bridge';

let bridge: PatchwiseBridge | undefined;

// Chosen on first use rather than at import, so the token is read only when it is needed.
function currentBridge(): PatchwiseBridge {
  bridge ??= window.api ?? createHttpBridge();
  return bridge;
}

/**
 * Calls a command. Never throws: every failure, including a transport that rejects, comes back
 * as an error envelope for the caller to react to by `code`.
 */
export async function call<K extends CommandName>(
  name: K,
  input: CommandRequest<K>,
): Promise<Envelope<CommandOutput<K>>> {
  try {
    // The main side parses inputs and outputs against the same contract, so the reply has this shape.
    return (await currentBridge().invoke(name, input)) as Envelope<CommandOutput<K>>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'internal', message: `${name} failed: ${message}` } };
  }
}

/** Listens for an event; returns the function that stops listening. */
export function subscribe<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void {
  // Payloads are built by the main side from the contract's event schemas.
  return currentBridge().on(name, (payload) => {
    listener(payload as EventPayload<K>);
  });
}
