import { parseArgs } from 'node:util';
import { isHostAddress } from '../../shared/domain/address';

export const USAGE = `Usage: patchwise [--data-dir DIR] <command> [options]

Patchwise patches the servers of an air-gapped site: inventory, risk ranking, staged rollouts.

Commands:
  serve [--port N] [--host ADDR]   Serve the app to a browser on this machine (default 127.0.0.1,
                                   a free port); prints the URL with its access token.
  help                             Show this text.

Global options:
  --data-dir DIR   Folder holding the database (default: $PATCHWISE_DATA_DIR, else the desktop
                   app's user data folder)
  -h, --help       Show this text
  -v, --version    Print the version
`;

export type CliCommand =
  { kind: 'help' } | { kind: 'version' } | { kind: 'serve'; dataDir: string | undefined; port: number; host: string };

export class UsageError extends Error {}

/** Parses argv (without node and the script) into a command, or throws UsageError saying why. */
export function parseCli(argv: readonly string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.version) return { kind: 'version' };
  const [command, ...extra] = positionals;
  if (values.help || command === undefined || command === 'help') return { kind: 'help' };
  if (extra.length > 0) throw new UsageError(`Unexpected argument: ${extra.join(' ')}`);
  switch (command) {
    case 'serve': {
      const port = Number(values.port ?? '0');
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new UsageError(`--port must be a whole number from 0 to 65535, got "${values.port ?? ''}"`);
      }
      const host = values.host ?? '127.0.0.1';
      if (!isHostAddress(host)) throw new UsageError(`--host must be an IP address or host name, got "${host}"`);
      return { kind: 'serve', dataDir: values['data-dir'], port, host };
    }
    default:
      throw new UsageError(`Unknown command "${command}". Run patchwise --help for the list.`);
  }
}
