import type { AddressInfo } from 'node:net';

interface Listener {
  listen(port: number, host: string, ready: () => void): unknown;
  address(): AddressInfo | string | null;
  close(done: () => void): unknown;
}

export interface Listening {
  port: number;
  close: () => Promise<void>;
}

/** Starts a test server on loopback (a free port unless given) and says how to stop it. */
export async function listenOnLoopback(
  server: Listener,
  port = 0,
  beforeClose = (): void => undefined,
): Promise<Listening> {
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the test server has no port');
  return {
    port: address.port,
    close: () =>
      new Promise((resolve) => {
        beforeClose();
        server.close(() => {
          resolve();
        });
      }),
  };
}
