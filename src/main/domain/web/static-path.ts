import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Maps a request path onto a file under `root`, or null when it would leave `root` (`..`, encoded
 * separators, NUL) or cannot be decoded.
 */
export function resolveInside(root: string, requestPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const full = resolve(root, `.${decoded.split('?')[0] ?? ''}`);
  const rel = relative(root, full);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return full;
}

/**
 * The renderer's files: like resolveInside, but paths without an extension are the app's own
 * routes and get index.html.
 */
export function resolveStaticPath(root: string, requestPath: string): string | null {
  const index = resolve(root, 'index.html');
  if ((requestPath.split('?')[0] ?? '') === '/') return index;
  const file = resolveInside(root, requestPath);
  if (file === null) return null;
  return extname(file) === '' ? index : file;
}
