import { fileURLToPath } from 'node:url';
import { AppError } from '../../shared/result';
import { openCliApp } from './cli-app';
import { createEventHub } from '../headless/event-hub';
import { defaultDataDir } from '../platform/data-dir';
import { APP_VERSION } from '../version';
import { parseCli, USAGE, UsageError } from './args';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

async function serve(dataDir: string, host: string, port: number): Promise<void> {
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
  const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));
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

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const command = parseCli(argv);
    switch (command.kind) {
      case 'help':
        process.stdout.write(USAGE);
        return 0;
      case 'version':
        console.log(APP_VERSION);
        return 0;
      case 'serve':
        await serve(command.dataDir ?? defaultDataDir(), command.host, command.port);
        return 0;
      case 'scan': {
        const { runScan } = await import('./scan');
        return await runScan(command, command.dataDir ?? defaultDataDir());
      }
      case 'feeds': {
        const { runFeeds } = await import('./feeds');
        return await runFeeds(command.feeds, command.dataDir ?? defaultDataDir());
      }
      case 'queue': {
        const { runQueue } = await import('./queue');
        return runQueue(command.json, command.dataDir ?? defaultDataDir());
      }
      case 'plan': {
        const { runPlan } = await import('./plan');
        return runPlan(command.fixes, command.json, command.dataDir ?? defaultDataDir());
      }
      case 'rollout': {
        const { runRollout } = await import('./rollout');
        return await runRollout(command.rollout, command.json, command.dataDir ?? defaultDataDir());
      }
      case 'lab': {
        // Loaded on demand, so that `serve` does not pay for the lab's modules at start-up.
        const { runLab } = await import('./lab');
        return await runLab(command.lab, command.dataDir ?? defaultDataDir(), command.labDir);
      }
    }
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`patchwise: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof AppError) {
      console.error(`patchwise: ${error.message} (${error.code})`);
      return 1;
    }
    throw error;
  }
}

const code = await main(process.argv.slice(2));
if (code !== 0) process.exit(code);
