import type { IncomingMessage } from 'node:http';
import type { Envelope, ErrorCode } from '../../shared/result';
import { fail } from '../../shared/result';

const STATUS: Partial<Record<ErrorCode, number>> = {
  invalid_input: 400,
  unknown_command: 404,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  unauthorized: 401,
};

export const httpStatusFor = (code: ErrorCode): number => STATUS[code] ?? 500;

/** Reads a JSON request body of at most `limit` bytes; anything else becomes an error envelope. */
export async function readJsonBody(request: IncomingMessage, limit: number): Promise<Envelope<unknown>> {
  const type = request.headers['content-type'] ?? '';
  // Requiring JSON also keeps plain HTML forms (which cannot send it) from reaching the API.
  if (!type.toLowerCase().startsWith('application/json')) {
    request.resume();
    return fail('invalid_input', 'Requests must have Content-Type: application/json');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  // Past the limit the rest is drained unbuffered, so the caller still gets a readable answer
  // instead of a reset connection (only callers holding the token get this far).
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= limit) chunks.push(buffer);
  }
  if (size > limit) return fail('invalid_input', `Request body is larger than ${String(limit)} bytes`);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return fail('invalid_input', 'Request body is not valid JSON');
  }
}
