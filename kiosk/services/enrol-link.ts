/**
 * `/kiosk/?enroll=<token>` (the dashboard shows it as a QR code): take the token and remove it
 * from the address bar at once, before anything renders, so it is not left in the history, a
 * screenshot or a bookmark.
 */
export function takeEnrolToken(): string | undefined {
  const url = new URL(window.location.href);
  const token = url.searchParams.get("enroll");
  if (token === null) return undefined;
  url.searchParams.delete("enroll");
  window.history.replaceState(window.history.state, "", `${url.pathname}${url.search}${url.hash}`);
  return token.trim() || undefined;
}
