import type { ErrorCode } from '../../src/shared/result';
import { AppError } from '../../src/shared/result';

/** What a call refused with, as the UI would see it. */
export interface Refusal {
  code: ErrorCode;
  message: string;
}

/** An AppError as a refusal; anything else thrown is a failure of the test, thrown again. */
function refusalOf(error: unknown): Refusal {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  throw error;
}

/** What `run` refused with; throws if it was accepted. */
export function refusal(run: () => unknown): Refusal {
  try {
    run();
  } catch (error) {
    return refusalOf(error);
  }
  throw new Error('expected a refusal');
}

/** What a parse that reads a stream refused with; throws if it was accepted. */
export async function asyncRefusal(parsing: Promise<unknown>): Promise<Refusal> {
  try {
    await parsing;
  } catch (error) {
    return refusalOf(error);
  }
  throw new Error('expected the file to be refused');
}

/**
 * An XML document whose DOCTYPE nests nine entities, each ten of the one before ("billion
 * laughs"): `&lol8;` in `body` stands for 10^8 "lol"s to a parser that expands entities.
 */
export function entityBomb(root: string, body: string): string {
  const laughs = Array.from({ length: 9 }, (_, i) => {
    const inner = i === 0 ? 'lol' : `&lol${String(i - 1)};`.repeat(10);
    return `<!ENTITY lol${String(i)} "${inner}">`;
  }).join('');
  return `<?xml version="1.0"?>\n<!DOCTYPE ${root} [${laughs}]>\n${body}`;
}
