import { useMemo, useSyncExternalStore } from 'react';
import { DEFAULT_ROUTE, hrefFor, locationForHash, type Location } from './routes';

/**
 * Sends an empty or unknown hash to the default area. `replaceState` keeps the bogus address out of
 * the history, so Back does not bounce the admin into it again.
 */
export function normalizeHash(): void {
  if (locationForHash(window.location.hash)) return;
  const { pathname, search } = window.location;
  window.history.replaceState(window.history.state, '', `${pathname}${search}${hrefFor(DEFAULT_ROUTE.id)}`);
}

function subscribe(notify: () => void): () => void {
  const onChange = (): void => {
    normalizeHash();
    notify();
  };
  window.addEventListener('hashchange', onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
  };
}

/** The area (and host) named by the address bar's hash; links are plain `<a href="#/…">`. */
export function useLocation(): Location & { hash: string } {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return useMemo(() => ({ ...(locationForHash(hash) ?? { route: DEFAULT_ROUTE, hostId: null }), hash }), [hash]);
}
