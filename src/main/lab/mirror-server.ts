import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { resolveInside } from '../domain/web/static-path';

/**
 * The site mirror as the hosts see it: plain HTTP on the lab bridge, serving the apt and rpm
 * repositories read-only. Listening on the bridge address keeps it out of reach of anything but
 * the lab.
 */
export function serveMirror(root: string, address: string, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://mirror').pathname;
    // Directory-style paths have no extension; the mirror has no index pages, so refuse them.
    const file = path.endsWith('/') ? null : resolveInside(root, path);
    let size: number | undefined;
    try {
      const stats = file ? statSync(file) : undefined;
      size = stats?.isFile() ? stats.size : undefined;
    } catch {
      size = undefined;
    }
    if (!file || size === undefined || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-length': size, 'content-type': 'application/octet-stream' });
    if (request.method === 'HEAD') response.end();
    else {
      createReadStream(file)
        .on('error', () => response.destroy())
        .pipe(response);
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => {
      resolve(server);
    });
  });
}
