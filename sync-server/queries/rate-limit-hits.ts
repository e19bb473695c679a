import type { Queryable } from "../db.ts";

/** One client's counter in one limiter's window (migration 0018). */
export type RateLimitHits = { hits: number; resetAt: Date };

type Key = { limiter: string; clientKey: string };

/**
 * Counts one hit, atomically across every server: a window that has run out starts again at 1
 * with a new reset time; a live one adds 1 and keeps its reset time.
 */
export async function incrementHits(
  db: Queryable,
  key: Key,
  now: Date,
  windowMs: number,
): Promise<RateLimitHits> {
  const result = await db.query<RateLimitHits>(
    `insert into rate_limit_hits as r (limiter, client_key, hits, reset_at)
     values ($1, $2, 1, $3::timestamptz + $4 * interval '1 millisecond')
     on conflict (limiter, client_key) do update set
       hits = case when r.reset_at <= $3::timestamptz then 1 else r.hits + 1 end,
       reset_at = case when r.reset_at <= $3::timestamptz then excluded.reset_at else r.reset_at end
     returning hits, reset_at as "resetAt"`,
    [key.limiter, key.clientKey, now, windowMs],
  );
  const row = result.rows[0];
  if (!row) throw new Error("the rate-limit upsert returned no row");
  return row;
}

/** Takes back one hit of a live window (a request the limiter does not count after all). */
export async function decrementHits(db: Queryable, key: Key, now: Date): Promise<void> {
  await db.query(
    `update rate_limit_hits set hits = greatest(hits - 1, 0)
     where limiter = $1 and client_key = $2 and reset_at > $3`,
    [key.limiter, key.clientKey, now],
  );
}

export async function findHits(
  db: Queryable,
  key: Key,
  now: Date,
): Promise<RateLimitHits | undefined> {
  const result = await db.query<RateLimitHits>(
    `select hits, reset_at as "resetAt" from rate_limit_hits
     where limiter = $1 and client_key = $2 and reset_at > $3`,
    [key.limiter, key.clientKey, now],
  );
  return result.rows[0];
}

export async function deleteHits(db: Queryable, key: Key): Promise<void> {
  await db.query("delete from rate_limit_hits where limiter = $1 and client_key = $2", [
    key.limiter,
    key.clientKey,
  ]);
}

export async function deleteLimiterHits(db: Queryable, limiter: string): Promise<void> {
  await db.query("delete from rate_limit_hits where limiter = $1", [limiter]);
}

/** The clean-up job: windows that have run out say nothing any more. Returns how many went. */
export async function deleteExpiredHits(db: Queryable, now: Date): Promise<number> {
  const result = await db.query("delete from rate_limit_hits where reset_at <= $1", [now]);
  return result.rowCount ?? 0;
}
