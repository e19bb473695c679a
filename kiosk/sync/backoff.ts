/**
 * When to try again after `failures` failed syncs in a row: doubling from baseMs up to capMs,
 * with "equal jitter" (half fixed, half random) so that a room of kiosks coming back online
 * together do not all hit the server in the same second, yet none retries near-instantly.
 */
export function retryDelayMs(
  failures: number,
  random: () => number,
  baseMs = 5_000,
  capMs = 5 * 60_000,
): number {
  const exponential = Math.min(capMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

/**
 * The server said when to come back (503 + Retry-After: busy, or its database is): wait at
 * least that long, plus up to as long again at random (at most 10 s more), so a thousand kiosks
 * told "2 s" at the same moment do not return in the same second, while a kiosk given its own
 * turn a minute away by a busy server (sync-admission.ts) keeps roughly that turn. Capped at an
 * hour against a silly header.
 */
export function retryAfterDelayMs(retryAfterMs: number, random: () => number): number {
  const base = Math.min(Math.max(0, retryAfterMs), 60 * 60_000);
  return Math.round(base + random() * Math.min(base, 10_000));
}

/** Retry-After is delay-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when neither. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
