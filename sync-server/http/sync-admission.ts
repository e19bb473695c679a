import type { SyncAdmission } from "../config.ts";

/** Nobody is told to wait longer than this, however long the queue looks. */
const maxRetryAfterMs = 10 * 60_000;
/**
 * The first guess of how long one sync takes, before any was measured. Deliberately short: a
 * kiosk told too early is refused again and given a later turn, but one told too late leaves
 * the server idle while it waits.
 */
const firstServiceMs = 50;
/** How much each finished sync moves the estimate (an exponential moving average). */
const smoothing = 0.2;

export type Admission =
  | {
      admitted: true;
      inFlight: number;
      /** The body is in: the sync's own work starts now (what the turns are paced by). */
      bodyRead(): void;
      done(): void;
    }
  | { admitted: false; inFlight: number; retryAfterSeconds: number };

/**
 * Back-pressure for POST /api/v1/sync. At most `maxInFlight` syncs are worked on at once. Each
 * one refused is given a turn in a virtual queue paced at the rate the server is finishing
 * syncs, and told it as its Retry-After: so a thousand kiosks that come online together come
 * back spread over the time the server needs for them, each about once, instead of all of them
 * resending their whole outbox every two seconds (measured: 386 s to take a 1,000-kiosk burst
 * with a fixed 2 s, and ~23,000 refused uploads of ~400 KB each). No state per kiosk: a counter,
 * an estimate and the time of the last turn given out.
 */
export function createSyncAdmission(settings: SyncAdmission, now: () => number = Date.now) {
  let inFlight = 0;
  let serviceMs = firstServiceMs;
  let lastTurnAt = 0;
  const minimumMs = settings.busyRetryAfterSeconds * 1000;
  return {
    tryAdmit(): Admission {
      const at = now();
      if (inFlight < settings.maxInFlight) {
        inFlight += 1;
        let finished = false;
        let workFrom: number | undefined;
        return {
          admitted: true,
          inFlight,
          bodyRead() {
            workFrom ??= now();
          },
          done() {
            if (finished) return;
            finished = true;
            inFlight -= 1;
            // Only syncs whose body arrived teach the estimate, and only from then on: in a
            // burst an admitted body uploads alongside hundreds of refused ones, so timing from
            // admission measured the crowd, not the server (a 1,000-kiosk burst took 369 s,
            // against 49 s without admission control, because every turn was spaced by it).
            if (workFrom === undefined) return;
            serviceMs += smoothing * (Math.max(1, now() - workFrom) - serviceMs);
          },
        };
      }
      // With maxInFlight syncs at a time, one finishes every serviceMs / maxInFlight on average.
      lastTurnAt = Math.max(lastTurnAt, at) + serviceMs / settings.maxInFlight;
      const waitMs = Math.min(maxRetryAfterMs, Math.max(minimumMs, lastTurnAt - at));
      return { admitted: false, inFlight, retryAfterSeconds: Math.ceil(waitMs / 1000) };
    },
    /** The current estimate of one sync's time, in ms (for /metrics and tests). */
    serviceMs: () => serviceMs,
  };
}
