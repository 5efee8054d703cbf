import type { PatchwiseBridge } from '../../shared/contract';
import type { Envelope } from '../../shared/result';
import { createEventSocket } from './event-socket';
import { takeToken } from './token';

const internal = (message: string): Envelope<never> => ({ ok: false, error: { code: 'internal', message } });

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The server always answers with an envelope; anything else means something else answered. */
function isEnvelope(body: unknown): body is Envelope<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  if (body.ok === true) return 'value' in body;
  if (body.ok !== false || !('error' in body)) return false;
  const { error } = body;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

async function post(name: string, input: unknown, token: string): Promise<Envelope<unknown>> {
  let status: number;
  let text: string;
  try {
    const response = await fetch(`/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(input ?? {}),
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    return internal(`The Patchwise server did not answer (${describe(error)})`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const excerpt = text.trim().slice(0, 200);
    return internal(`The server answered HTTP ${status} without a Patchwise reply${excerpt ? `: ${excerpt}` : ''}`);
  }
  return isEnvelope(body) ? body : internal(`The server answered HTTP ${status} with an unexpected reply`);
}

/**
 * The bridge for browser mode, where there is no preload: commands are POSTed to the headless
 * server with its bearer token, and events arrive over one WebSocket.
 */
export function createHttpBridge(): PatchwiseBridge {
  const token = takeToken();
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const events = createEventSocket(`${scheme}//${window.location.host}/events?token=${encodeURIComponent(token)}`);
  return {
    invoke: (name, input) => post(name, input, token),
    on: (name, listener) => events.on(name, listener),
  };
}
