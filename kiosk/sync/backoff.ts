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
