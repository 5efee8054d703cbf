import type { HostInput } from '../../../shared/domain/host';
import type { LineError } from '../../text/csv';

/** A line the parser could not read at all. */
export type { LineError };

/**
 * One host as an inventory file describes it, before defaults and validation. Fields are what
 * the file said, not yet checked: planImport fills the gaps and runs hostInputSchema over them, so
 * every parser gets the same messages for the same mistakes.
 */
export interface HostDraft {
  /** 1-based line where the file first names the host. */
  line: number;
  name: string;
  fields: { [K in keyof HostInput]?: unknown };
  /** Worth telling the admin, but the host can still be added (a tag that was dropped). */
  notes: string[];
  /** Reasons the host cannot be added as the file describes it (a port that is not a number). */
  blockers: string[];
}

export interface DraftsOf {
  drafts: HostDraft[];
  errors: LineError[];
}

export function draft(line: number, name: string): HostDraft {
  return { line, name, fields: {}, notes: [], blockers: [] };
}

/** A port as written in a file: digits only, so `22abc` or `0x16` is refused rather than guessed. */
export function portOf(text: string): number | null {
  return /^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : null;
}

/** `~/x` under the admin's home; null for a path that is still relative after that. */
export function absoluteKeyPath(path: string, home: string): string | null {
  const expanded = path === '~' || path.startsWith('~/') ? `${home.replace(/\/+$/, '')}${path.slice(1)}` : path;
  return expanded.startsWith('/') ? expanded : null;
}

/** OpenSSH-style host pattern: `*` and `?` wildcards, case-insensitive. */
export function globMatches(pattern: string, text: string): boolean {
  const source = pattern
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'i').test(text);
}
