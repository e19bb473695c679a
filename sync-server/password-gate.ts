import type { PasswordHashingLimits } from "./config.ts";

/** Thrown when the gate is full: the caller answers 503 with Retry-After. */
export class HashingBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("Too many password checks are running; try again shortly.");
  }
}

export type PasswordGate = {
  /** Runs work when a slot is free; rejects at once with HashingBusyError when the queue is full. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** For tests and metrics: hashes running now and waiting. */
  load(): { running: number; waiting: number };
};

/**
 * A small semaphore in front of scrypt. Each hash takes 128 MiB and one of libuv's four
 * threads, which static files and DNS share: unbounded, 24 parallel failed log-ins starved
 * GET /kiosk/ for seconds. A short queue absorbs a burst of real users; beyond it the server
 * says "busy" instead of queueing work it cannot finish in time.
 */
export function createPasswordGate(limits: PasswordHashingLimits): PasswordGate {
  let running = 0;
  const waiting: Array<() => void> = [];

  function release(): void {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }

  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (running >= limits.concurrency) {
        if (waiting.length >= limits.queue) {
          // A hash is ~0.35 s: the queue drains in about this many seconds.
          throw new HashingBusyError(
            Math.max(1, Math.ceil((waiting.length + running) / limits.concurrency)),
          );
        }
        // The slot is handed over by release(): running stays counted.
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        running += 1;
      }
      try {
        return await work();
      } finally {
        release();
      }
    },
    load: () => ({ running, waiting: waiting.length }),
  };
}
