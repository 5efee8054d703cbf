import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The same folder Electron's `app.getPath('userData')` gives for an app named "patchwise", so the
 * desktop app, `patchwise serve` and the CLI share one database unless told otherwise.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env['PATCHWISE_DATA_DIR']) return env['PATCHWISE_DATA_DIR'];
  switch (platform) {
    case 'win32':
      return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'patchwise');
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', 'patchwise');
    default:
      return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'patchwise');
  }
}
