/**
 * Per-account slowdown of failed log-ins, instead of a lock-out anyone could trigger for a known
 * e-mail. The first few failures are free (typos); after that each further attempt must wait
 * twice as long as the one before, capped at maxDelaySeconds, so a guesser gets about one try a
 * minute per account while the owner waits at most a minute for their next try.
 */
export const loginThrottlePolicy = {
  freeFailures: 5,
  maxDelaySeconds: 60,
  /** An account with no failure for this long starts afresh. */
  forgetAfterSeconds: 15 * 60,
  /** Bound on remembered accounts, so a flood of made-up e-mails cannot grow memory. */
  maxEntries: 100_000,
} as const;

type Entry = { failures: number; lastFailureMs: number };

export type LoginThrottle = {
  /** Seconds until this account may try again, or 0 when it may now. */
  waitSeconds(account: string): number;
  failed(account: string): void;
  succeeded(account: string): void;
};

export function delayAfter(failures: number): number {
  const over = failures - loginThrottlePolicy.freeFailures;
  if (over < 0) return 0;
  return Math.min(2 ** over, loginThrottlePolicy.maxDelaySeconds);
}

/** In memory, per server process (like the per-address limiter); see docs/security.md. */
export function createLoginThrottle(now: () => number = Date.now): LoginThrottle {
  const entries = new Map<string, Entry>();

  function live(account: string): Entry | undefined {
    const entry = entries.get(account);
    if (entry && now() - entry.lastFailureMs > loginThrottlePolicy.forgetAfterSeconds * 1000) {
      entries.delete(account);
      return undefined;
    }
    return entry;
  }

  return {
    waitSeconds(account) {
      const entry = live(account);
      if (!entry) return 0;
      const readyAt = entry.lastFailureMs + delayAfter(entry.failures) * 1000;
      return Math.max(0, Math.ceil((readyAt - now()) / 1000));
    },
    failed(account) {
      const entry = live(account);
      entries.delete(account);
      // Re-inserted last, so the Map's order is oldest failure first for eviction.
      entries.set(account, { failures: (entry?.failures ?? 0) + 1, lastFailureMs: now() });
      if (entries.size > loginThrottlePolicy.maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
    },
    succeeded(account) {
      entries.delete(account);
    },
  };
}
