/** The app's own renderer origin under the app:// protocol. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'patchwise';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export interface SenderFacts {
  /** URL of the frame that sent the IPC message; undefined when the frame is gone. */
  frameUrl: string | undefined;
  /** Whether that frame is the top-level frame of its window. */
  isTopLevel: boolean;
}

/**
 * IPC is honoured only from our own top-level document: never from a sub-frame, another scheme,
 * or another host. `devUrl` is the electron-vite dev server, allowed only in unpackaged runs.
 * (WHATWG URL gives custom schemes an opaque "null" origin, so scheme and host are compared.)
 */
export function isTrustedSender(facts: SenderFacts, devUrl?: string): boolean {
  if (!facts.isTopLevel || !facts.frameUrl) return false;
  let url: URL;
  try {
    url = new URL(facts.frameUrl);
  } catch {
    return false;
  }
  if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) return true;
  if (!devUrl) return false;
  const dev = new URL(devUrl);
  return url.protocol === dev.protocol && url.host === dev.host;
}

/** In-app navigation stays on our origin; everything else (links, redirects) is refused. */
export function isAllowedNavigation(target: string, devUrl?: string): boolean {
  return isTrustedSender({ frameUrl: target, isTopLevel: true }, devUrl);
}
