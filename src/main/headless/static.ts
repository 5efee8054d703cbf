import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { ServerResponse } from 'node:http';
import { CONTENT_SECURITY_POLICY, MIME_TYPES } from '../domain/web/csp';
import { resolveStaticPath } from '../domain/web/static-path';

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

const escapeAttribute = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/**
 * Serves the built renderer. index.html gets the token in a meta tag, which the renderer's HTTP
 * bridge reads; only a request that already proved it has the token receives the page.
 */
export async function serveStatic(
  root: string,
  requestPath: string,
  token: string,
  response: ServerResponse,
  setCookie: string | undefined,
): Promise<void> {
  const file = resolveStaticPath(root, requestPath);
  if (!file) {
    response.writeHead(404, SECURITY_HEADERS).end();
    return;
  }
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    const missingBuild = file.endsWith('index.html');
    response
      .writeHead(missingBuild ? 500 : 404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' })
      .end(missingBuild ? 'The renderer is not built: run `npm run build` first.\n' : 'Not found\n');
    return;
  }
  const isHtml = extname(file) === '.html';
  if (isHtml) {
    const meta = `<meta name="patchwise-token" content="${escapeAttribute(token)}">`;
    body = Buffer.from(body.toString('utf8').replace('<head>', `<head>\n    ${meta}`));
  }
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': MIME_TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': isHtml ? 'no-store' : 'max-age=3600',
    ...(setCookie ? { 'set-cookie': setCookie } : {}),
  });
  response.end(body);
}
