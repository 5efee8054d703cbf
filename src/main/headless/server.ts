import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Dispatch } from '../api/dispatch';
import { judgeRequest, type AuthPolicy, type RequestFacts } from './auth';
import type { EventHub } from './event-hub';
import { httpStatusFor, readJsonBody } from './http';
import { serveStatic } from './static';

export interface ServeOptions {
  dispatch: Dispatch;
  /** The hub the app's event sink publishes to; the server attaches browsers to it. */
  events: EventHub;
  rendererDir: string;
  host: string;
  port: number;
  token?: string;
  actor?: string;
}

export interface RunningServer {
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

function allowedHostsFor(host: string, port: number): Set<string> {
  const names = new Set([host, '127.0.0.1', 'localhost', '[::1]']);
  return new Set(
    [...names].map((name) => `${name.includes(':') && !name.startsWith('[') ? `[${name}]` : name}:${String(port)}`),
  );
}

function factsOf(request: IncomingMessage, kind: RequestFacts['kind']): RequestFacts {
  const url = new URL(request.url ?? '/', 'http://placeholder');
  return {
    method: request.method ?? 'GET',
    host: request.headers.host,
    origin: request.headers.origin,
    authorization: request.headers.authorization,
    cookie: request.headers.cookie,
    queryToken: url.searchParams.get('token'),
    kind,
  };
}

/**
 * The router over loopback HTTP (POST /api/<command>), a WebSocket for events (/events), and the
 * built renderer. Everything needs the token printed at start; foreign Origins are refused.
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const { events } = options;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  let policy: AuthPolicy = { token, allowedHosts: new Set(), cookieName: 'patchwise_token' };
  const ctx = { actor: options.actor ?? 'admin (browser)' };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error(error);
      if (!response.headersSent) response.writeHead(500).end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://placeholder').pathname;
    const kind = path.startsWith('/api/') ? 'api' : 'page';
    const verdict = judgeRequest(factsOf(request, kind), policy);
    if (verdict.status !== 'ok') {
      const status = verdict.status === 'forbidden' ? 403 : 401;
      response
        .writeHead(status, { 'content-type': 'text/plain; charset=utf-8' })
        .end(`${String(status)}: ${verdict.reason}\n`);
      return;
    }
    if (kind === 'page') {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      const cookie = verdict.setCookie ? `${policy.cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/` : undefined;
      await serveStatic(options.rendererDir, path, token, response, cookie);
      return;
    }
    if (request.method !== 'POST') {
      response.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    const body = await readJsonBody(request, MAX_BODY_BYTES);
    const envelope = body.ok
      ? await options.dispatch(decodeURIComponent(path.slice('/api/'.length)), body.value, ctx)
      : body;
    const status = envelope.ok ? 200 : httpStatusFor(envelope.error.code);
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    response.end(JSON.stringify(envelope));
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://placeholder').pathname;
    const verdict = judgeRequest(factsOf(request, 'events'), policy);
    if (path !== '/events' || verdict.status !== 'ok') {
      const status =
        path !== '/events' ? '404 Not Found' : verdict.status === 'forbidden' ? '403 Forbidden' : '401 Unauthorized';
      socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      events.attach(ws);
    });
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      resolvePromise();
    });
  });
  const { port } = server.address() as AddressInfo;
  policy = {
    ...policy,
    allowedHosts: allowedHostsFor(options.host, port),
    cookieName: `patchwise_token_${String(port)}`,
  };
  const hostPart = options.host.includes(':') ? `[${options.host}]` : options.host;
  const origin = `http://${hostPart}:${String(port)}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    close: () =>
      new Promise<void>((resolvePromise) => {
        events.closeAll();
        sockets.close();
        server.closeAllConnections();
        server.close(() => {
          resolvePromise();
        });
      }),
  };
}
