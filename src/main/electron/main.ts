import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog } from 'electron';
import { createApp, type App } from '../app';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { hardenSessions } from './hardening';
import { createWindowEventSink, registerIpc } from './ipc';
import { createSafeStorageCipher } from './secret-cipher';
import { createMainWindow } from './window';

// The dev server only exists in `electron-vite dev`; a packaged app never trusts it.
const devUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;

/** better-sqlite3 built for Electron's ABI by scripts/electron-native.mjs (or packaged beside the app). */
function electronNativeBinding(): string | undefined {
  const candidates = [
    app.isPackaged ? `${process.resourcesPath}/native/better_sqlite3.node` : '',
    fileURLToPath(new URL('../../build/native/electron/better_sqlite3.node', import.meta.url)),
  ];
  return candidates.find((path) => path !== '' && existsSync(path));
}

// Tests and admins can point the desktop app at another data folder, as the CLI's --data-dir does.
const dataDirOverride = process.env['PATCHWISE_DATA_DIR'];
if (dataDirOverride) app.setPath('userData', dataDirOverride);

registerAppScheme();
// A second instance must not open the database too: it hands over to the first and exits now
// (app.quit() would still let whenReady run).
if (!app.requestSingleInstanceLock()) app.exit(0);

let patchwise: App | undefined;

void app.whenReady().then(() => {
  hardenSessions(devUrl);
  serveAppScheme(fileURLToPath(new URL('../renderer/', import.meta.url)));
  const nativeBinding = electronNativeBinding();
  try {
    patchwise = createApp({
      dataDir: app.getPath('userData'),
      transport: 'electron',
      events: createWindowEventSink(() => BrowserWindow.getAllWindows()),
      cipher: createSafeStorageCipher(),
      ...(nativeBinding ? { nativeBinding } : {}),
    });
  } catch (error) {
    dialog.showErrorBox('Patchwise cannot open its database', (error as Error).message);
    app.exit(1);
    return;
  }
  patchwise.services.scans.startSchedule();
  void patchwise.reconcileRollouts().catch((error: unknown) => {
    dialog.showErrorBox('Patchwise could not check an unfinished rollout', String(error));
  });
  registerIpc(patchwise.dispatch, userInfo().username, devUrl);
  createMainWindow(devUrl);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(devUrl);
  });
});

app.on('second-instance', () => {
  const [window] = BrowserWindow.getAllWindows();
  if (window) {
    if (window.isMinimized()) window.restore();
    window.focus();
  }
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => patchwise?.close());
