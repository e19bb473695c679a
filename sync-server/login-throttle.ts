import { inTransaction, type Pool } from "./db.ts";
import {
  deleteLoginFailures,
  deleteStaleLoginFailures,
  lockLoginFailures,
  setLoginFailures,
} from "./queries/login-failures.ts";

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
} as const;

export type LoginThrottle = {
  /**
   * Seconds until this account may try again (nothing counted), or 0: then this attempt is
   * counted as a failure before its password is checked, so a burst of parallel guesses cannot
   * all pass; succeeded() clears it again.
   */
  attempt(account: string): Promise<number>;
  succeeded(account: string): Promise<void>;
};

export function delayAfter(failures: number): number {
  const over = failures - loginThrottlePolicy.freeFailures;
  if (over < 0) return 0;
  return Math.min(2 ** over, loginThrottlePolicy.maxDelaySeconds);
}

/**
 * Kept in PostgreSQL (login_failures), so every server process counts the same failures: with
 * it in memory, N servers behind a load balancer gave a guesser N times the tries.
 */
export function createLoginThrottle(pool: Pool, now: () => number = Date.now): LoginThrottle {
  return {
    attempt(account) {
      return inTransaction(pool, async (client) => {
        const at = now();
        const row = await lockLoginFailures(client, account, new Date(at));
        const stale =
          at - row.lastFailureAt.getTime() > loginThrottlePolicy.forgetAfterSeconds * 1000;
        const failures = stale ? 0 : row.failures;
        const readyAt = row.lastFailureAt.getTime() + delayAfter(failures) * 1000;
        const wait = failures === 0 ? 0 : Math.max(0, Math.ceil((readyAt - at) / 1000));
        if (wait === 0) await setLoginFailures(client, account, failures + 1, new Date(at));
        return wait;
      });
    },
    async succeeded(account) {
      await deleteLoginFailures(pool, account);
    },
  };
}

/** For the clean-up job: runs no attempt would still count. */
export function forgetStaleLoginFailures(pool: Pool, now = new Date()): Promise<number> {
  return deleteStaleLoginFailures(
    pool,
    new Date(now.getTime() - loginThrottlePolicy.forgetAfterSeconds * 1000),
  );
}
