import { fileURLToPath } from 'node:url';
import { AppError } from '../../shared/result';
import { defaultDataDir } from '../platform/data-dir';
import { APP_VERSION } from '../version';
import { parseCli, USAGE, UsageError } from './args';

// Each command loads what it needs when it runs: `scan` should not pay for the whole app's
// modules (the API schemas, feeds, rollouts, the HTTP server) before it reaches its hosts.
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
      case 'serve': {
        const { serve } = await import('./serve');
        // Resolved here, in the entry file, whose place in the build (out/main) is fixed.
        const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));
        await serve(command.dataDir ?? defaultDataDir(), command.host, command.port, rendererDir);
        return 0;
      }
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
