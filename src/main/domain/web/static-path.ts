import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Maps a request path onto a file under `root`, or null when it would leave `root` (`..`, encoded
 * separators, NUL) or is not something the renderer build contains. Paths without an extension
 * are the app's own routes and get index.html.
 */
export function resolveStaticPath(root: string, requestPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const clean = decoded.split('?')[0] ?? '';
  const wanted = clean === '/' || extname(clean) === '' ? '/index.html' : clean;
  const full = resolve(root, `.${wanted}`);
  const rel = relative(root, full);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return full;
}
