import { readFileSync } from 'node:fs';

/** A fixture's text. */
export const read = (path: string): string => readFileSync(path, 'utf8');

/** A fixture's first 4 KB: as much of a file as format detection looks at (read-feed-file.ts). */
export const head = (path: string): string => read(path).slice(0, 4096);
