const storageKey = 'tunegate-token';

/**
 * The session token arrives once in the address (`?token=`). It is kept in this tab's session
 * storage and removed from the address bar, so it is not left in history or shared by a copy
 * of the URL.
 */
export function takeSessionToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    window.sessionStorage.setItem(storageKey, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return window.sessionStorage.getItem(storageKey);
}
