import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

/**
 * Where the Electron binary is, without require('electron'): that call tries to download the
 * binary, which this offline machine cannot do.
 */
function electronBinary(): string | undefined {
  const root = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(root, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(root, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

const binary = electronBinary();
const nativeBuilt = existsSync('build/native/electron/better_sqlite3.node');

test.describe('the Electron shell', () => {
  test.skip(
    !binary,
    'Electron binary not present (ELECTRON_SKIP_BINARY_DOWNLOAD, no network to fetch it): Electron shell not exercised on this machine',
  );
  test.skip(!nativeBuilt, 'better-sqlite3 is not built for Electron (run node scripts/electron-native.mjs)');

  test('opens a sandboxed window on app:// that reaches the main process only through window.api', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'patchwise-electron-'));
    const app = await electron.launch({
      executablePath: binary,
      args: ['.'],
      env: { ...process.env, PATCHWISE_DATA_DIR: userData },
    });
    const window = await app.firstWindow();
    await window.locator('html[data-app-ready="true"]').waitFor();
    expect(window.url()).toMatch(/^app:\/\/patchwise\//);
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await window.evaluate(() => Object.keys((globalThis as unknown as { api: object }).api).sort())).toEqual([
      'invoke',
      'on',
    ]);
    expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    const info = await window.evaluate(() =>
      (globalThis as unknown as { api: { invoke(n: string, i: unknown): Promise<unknown> } }).api.invoke(
        'app.info',
        {},
      ),
    );
    expect(info).toMatchObject({ ok: true, value: { transport: 'electron' } });
    await app.close();
    rmSync(userData, { recursive: true, force: true });
  });
});
