import { createEventHub } from '../headless/event-hub';
import { openCliApp } from './cli-app';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** `patchwise serve`: the whole app and its HTTP and WebSocket server, until SIGINT or SIGTERM. */
export async function serve(dataDir: string, host: string, port: number, rendererDir: string): Promise<void> {
  if (!LOOPBACK.has(host)) {
    console.error(`warning: serving on ${host}, reachable beyond this machine; anyone with the token can use the app`);
  }
  // Only `serve` needs the HTTP and WebSocket server: loading it costs every other command time.
  const { startServer } = await import('../headless/server');
  const events = createEventHub();
  const app = openCliApp(dataDir, events.publish);
  app.services.scans.startSchedule();
  void app.reconcileRollouts().catch((error: unknown) => {
    console.error(`patchwise: rollouts left unfinished could not be reconciled: ${String(error)}`);
  });
  const server = await startServer({ dispatch: app.dispatch, events, rendererDir, host, port });
  console.log(`Patchwise is serving ${server.url}`);
  const stop = (): void => {
    void server.close().then(() => {
      app.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
