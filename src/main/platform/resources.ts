import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's resources/ folder. Code runs from src/ (tests), out/main/ (the built CLI) or a
 * chunk below it, so the folder is found by walking up rather than by a fixed relative path.
 */
export function resourcesDir(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'lab'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the resources folder above ${from}`);
    dir = parent;
  }
}
