import { app, session } from 'electron';
import { isAllowedNavigation } from './sender-guard';

/**
 * Electron's security checklist items that apply to every window: no navigation away from the
 * app, no new windows, no <webview>, and every permission request (camera, notifications,
 * geolocation…) denied.
 */
export function hardenSessions(devUrl: string | undefined): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url, devUrl)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url, devUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
