import { createHash } from 'node:crypto';

/** At most this many characters of a step's output are kept in the journal; the digest covers all of it. */
export const EXCERPT_LIMIT = 4000;
const HEAD = 1000;
/** Room kept for the note between head and tail (it is far shorter). */
const NOTE = 60;

/** sha256 of the whole output, hex: what the audit log records. */
export const outputDigest = (output: string): string => createHash('sha256').update(output).digest('hex');

/**
 * A bounded excerpt: the start (what ran) and the end (where errors are), with a note of how
 * much was left out between them.
 */
export function outputExcerpt(output: string): string {
  if (output.length <= EXCERPT_LIMIT) return output;
  const tail = EXCERPT_LIMIT - HEAD - NOTE;
  const omitted = output.length - HEAD - tail;
  return `${output.slice(0, HEAD)}\n… ${String(omitted)} characters left out …\n${output.slice(-tail)}`;
}
