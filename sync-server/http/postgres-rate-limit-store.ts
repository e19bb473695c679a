import type { ClientRateLimitInfo, Options, Store } from "express-rate-limit";
import type { Pool } from "../db.ts";
import {
  decrementHits,
  deleteHits,
  deleteLimiterHits,
  findHits,
  incrementHits,
} from "../queries/rate-limit-hits.ts";

/**
 * express-rate-limit's counters in PostgreSQL (rate_limit_hits), so a limit holds across every
 * server process: the default MemoryStore counted per process, and a client spreading its
 * attempts over N servers got N times the limit. `limiter` names the limit (its rows), `now`
 * is the clock (tests move it).
 */
export class PostgresRateLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;

  constructor(
    private readonly pool: Pool,
    readonly prefix: string,
    private readonly now: () => number = Date.now,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  private key(clientKey: string) {
    return { limiter: this.prefix, clientKey };
  }

  get(key: string): Promise<ClientRateLimitInfo | undefined> {
    return findHits(this.pool, this.key(key), new Date(this.now())).then((found) =>
      found ? { totalHits: found.hits, resetTime: found.resetAt } : undefined,
    );
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const counted = await incrementHits(
      this.pool,
      this.key(key),
      new Date(this.now()),
      this.windowMs,
    );
    return { totalHits: counted.hits, resetTime: counted.resetAt };
  }

  decrement(key: string): Promise<void> {
    return decrementHits(this.pool, this.key(key), new Date(this.now()));
  }

  resetKey(key: string): Promise<void> {
    return deleteHits(this.pool, this.key(key));
  }

  resetAll(): Promise<void> {
    return deleteLimiterHits(this.pool, this.prefix);
  }
}
