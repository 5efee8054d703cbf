import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createEventHub } from '../../src/main/headless/event-hub';
import { startServer, type RunningServer } from '../../src/main/headless/server';
import { createApp } from '../../src/main/app';
import { createPassphraseCipher } from '../../src/main/secrets/passphrase-cipher';
import { host, tempDir } from './support';

let running: { server: RunningServer; close: () => void } | undefined;
afterEach(async () => {
  await running?.server.close();
  running?.close();
  running = undefined;
});

async function serve(): Promise<RunningServer> {
  const rendererDir = tempDir();
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<!doctype html><html><head><title>t</title></head><body></body></html>',
  );
  const events = createEventHub();
  const app = createApp({
    dataDir: tempDir(),
    transport: 'headless',
    events: events.publish,
    cipher: createPassphraseCipher(undefined),
  });
  const server = await startServer({ dispatch: app.dispatch, events, rendererDir, host: '127.0.0.1', port: 0 });
  running = {
    server,
    close: () => {
      app.close();
    },
  };
  return server;
}

const post = (server: RunningServer, name: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.origin}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}`, ...headers },
    body: JSON.stringify(body),
  });

/** Opens the event socket; resolves with the socket, or rejects with the HTTP status it got. */
const connect = (url: string, origin: string): Promise<WebSocket> =>
  new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { origin });
    socket.once('open', () => {
      resolve(socket);
    });
    socket.once('unexpected-response', (_request, response) => {
      reject(new Error(String(response.statusCode)));
    });
    socket.once('error', reject);
  });

describe('the headless server', () => {
  it('prints a URL on loopback that carries the token', async () => {
    const server = await serve();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/);
  });

  it('answers 401 without the token, 403 for a foreign Origin, and the page with the token', async () => {
    const server = await serve();
    expect((await fetch(`${server.origin}/`)).status).toBe(401);
    expect((await fetch(server.url, { headers: { origin: 'http://evil.example' } })).status).toBe(403);
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    expect(await page.text()).toContain(`<meta name="patchwise-token" content="${server.token}">`);
  });

  it('runs commands over POST with the bearer token only', async () => {
    const server = await serve();
    const added = await post(server, 'fleet.add', host());
    expect(added.status).toBe(200);
    expect(await added.json()).toMatchObject({ ok: true, value: { name: 'web1' } });
    const noToken = await post(server, 'fleet.list', {}, { authorization: '' });
    expect(noToken.status).toBe(401);
    const foreign = await post(server, 'fleet.list', {}, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
  });

  it('maps error codes to HTTP statuses and keeps the envelope', async () => {
    const server = await serve();
    const bad = await post(server, 'fleet.add', { ...host(), port: 0 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { port: 'Port must be between 1 and 65535' } },
    });
    expect((await post(server, 'fleet.nuke', {})).status).toBe(404);
    const notJson = await fetch(`${server.origin}/api/fleet.list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(notJson.status).toBe(400);
    const huge = await post(server, 'fleet.add', { name: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(400);
  });

  it('pushes events over the WebSocket to authorised browsers only', async () => {
    const server = await serve();
    const eventsUrl = `ws://127.0.0.1:${new URL(server.origin).port}/events`;
    await expect(connect(eventsUrl, server.origin)).rejects.toThrow('401');
    await expect(connect(`${eventsUrl}?token=${server.token}`, 'http://evil.example')).rejects.toThrow('403');
    const socket = await connect(`${eventsUrl}?token=${server.token}`, server.origin);
    const received = new Promise<unknown>((resolve) =>
      socket.once('message', (data: Buffer) => {
        resolve(JSON.parse(data.toString('utf8')));
      }),
    );
    await post(server, 'fleet.add', host());
    expect(await received).toEqual({ event: 'fleet.change', payload: { action: 'added', hostId: 1 } });
    socket.close();
  });
});
