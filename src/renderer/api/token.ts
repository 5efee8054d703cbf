/**
 * The headless server puts its token in a meta tag of the page it serves. The page was opened with
 * `?token=…` in the address, which we drop once the token is in hand so it does not linger in the
 * address bar, in bookmarks or in screenshots.
 */
export function takeToken(): string {
  const token = document.querySelector('meta[name="patchwise-token"]')?.getAttribute('content') ?? '';
  const url = new URL(window.location.href);
  if (url.searchParams.has('token')) {
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }
  return token;
}
