const INBOX = "/tickets";

/**
 * Where to go after signing in: the callback URL resolved the way the browser will resolve
 * it (tabs and newlines dropped, backslashes read as slashes), kept only when it stays on
 * `origin`. Anything else, or nothing, goes to the inbox. Returns a path, never a full URL.
 */
export function callbackPath(callbackUrl: string | null | undefined, origin: string): string {
  if (!callbackUrl) return INBOX;
  let url: URL;
  try {
    url = new URL(callbackUrl, origin);
  } catch {
    return INBOX;
  }
  if (url.origin !== new URL(origin).origin) return INBOX;
  return `${url.pathname}${url.search}${url.hash}`;
}
