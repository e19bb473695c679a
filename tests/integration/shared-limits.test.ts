import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresRateLimitStore } from "../../sync-server/http/postgres-rate-limit-store.ts";
import {
  createLoginThrottle,
  forgetStaleLoginFailures,
  loginThrottlePolicy,
} from "../../sync-server/login-throttle.ts";
import { deleteExpiredHits } from "../../sync-server/queries/rate-limit-hits.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

/** Failed attempts in a row, each counted (wait 0), as a guesser would make them. */
async function failTimes(
  throttle: ReturnType<typeof createLoginThrottle>,
  account: string,
  n: number,
) {
  for (let i = 0; i < n; i += 1) expect(await throttle.attempt(account)).toBe(0);
}

describe("the per-account slowdown in PostgreSQL", () => {
  it("is per account, resets on success and forgets after a quiet spell", async () => {
    let now = Date.parse("2026-12-01T10:00:00Z");
    const throttle = createLoginThrottle(db.pool, () => now);
    await failTimes(throttle, "a@x.dk", loginThrottlePolicy.freeFailures);
    expect(await throttle.attempt("a@x.dk")).toBe(1);
    expect(await throttle.attempt("b@x.dk")).toBe(0);
    now += 1000;
    await failTimes(throttle, "a@x.dk", 1);
    expect(await throttle.attempt("a@x.dk")).toBe(2);
    await throttle.succeeded("a@x.dk");
    await failTimes(throttle, "a@x.dk", loginThrottlePolicy.freeFailures);
    expect(await throttle.attempt("a@x.dk")).toBe(1);
    now += loginThrottlePolicy.forgetAfterSeconds * 1000 + 1;
    await failTimes(throttle, "a@x.dk", loginThrottlePolicy.freeFailures);
  });

  it("is one count for every server: failures on one slow the account down on the other", async () => {
    const now = Date.parse("2026-12-01T11:00:00Z");
    const first = createLoginThrottle(db.pool, () => now);
    const second = createLoginThrottle(db.pool, () => now);
    for (let i = 0; i < loginThrottlePolicy.freeFailures; i += 1)
      expect(await (i % 2 === 0 ? first : second).attempt("shared@x.dk")).toBe(0);
    expect(await second.attempt("shared@x.dk")).toBe(1);
    expect(await first.attempt("shared@x.dk")).toBe(1);
  });

  it("lets no more than the free failures through a burst of parallel attempts", async () => {
    const now = Date.parse("2026-12-01T12:00:00Z");
    const throttles = [1, 2, 3].map(() => createLoginThrottle(db.pool, () => now));
    const waits = await Promise.all(
      Array.from({ length: 15 }, (_, i) => throttles[i % 3]?.attempt("burst@x.dk")),
    );
    expect(waits.filter((wait) => wait === 0)).toHaveLength(loginThrottlePolicy.freeFailures);
  });

  it("has its stale rows deleted by the clean-up, and only those", async () => {
    const now = Date.now();
    const old = createLoginThrottle(
      db.pool,
      () => now - loginThrottlePolicy.forgetAfterSeconds * 1000 - 5000,
    );
    const fresh = createLoginThrottle(db.pool, () => now);
    await old.attempt("old@x.dk");
    await fresh.attempt("fresh@x.dk");
    expect(await forgetStaleLoginFailures(db.pool, new Date(now))).toBeGreaterThanOrEqual(1);
    const left = await db.pool.query<{ account: string }>("select account from login_failures");
    const accounts = left.rows.map((row) => row.account);
    expect(accounts).toContain("fresh@x.dk");
    expect(accounts).not.toContain("old@x.dk");
  });
});

describe("the rate-limit store in PostgreSQL", () => {
  const windowMs = 15 * 60 * 1000;
  function storeAt(prefix: string, clock: () => number) {
    const store = new PostgresRateLimitStore(db.pool, prefix, clock);
    store.init({ windowMs } as Parameters<typeof store.init>[0]);
    return store;
  }

  it("counts one window across stores, takes hits back, and starts afresh when it runs out", async () => {
    let now = Date.parse("2026-12-01T10:00:00Z");
    const one = storeAt("test-limit", () => now);
    const two = storeAt("test-limit", () => now);
    const first = await one.increment("198.51.100.7");
    expect(first.totalHits).toBe(1);
    expect(first.resetTime?.getTime()).toBe(now + windowMs);
    now += 1000;
    expect((await two.increment("198.51.100.7")).totalHits).toBe(2);
    expect((await one.increment("198.51.100.7")).totalHits).toBe(3);
    await two.decrement("198.51.100.7");
    const counted = await one.get("198.51.100.7");
    expect(counted?.totalHits).toBe(2);
    // The window's end does not move with later hits.
    expect(counted?.resetTime?.getTime()).toBe(first.resetTime?.getTime());
    // Another limiter's and another client's counters are their own.
    expect((await storeAt("other-limit", () => now).increment("198.51.100.7")).totalHits).toBe(1);
    expect((await two.increment("198.51.100.8")).totalHits).toBe(1);
    now += windowMs;
    expect(await two.get("198.51.100.7")).toBeUndefined();
    const again = await one.increment("198.51.100.7");
    expect(again.totalHits).toBe(1);
    expect(again.resetTime?.getTime()).toBe(now + windowMs);
    await one.resetKey("198.51.100.7");
    expect(await one.get("198.51.100.7")).toBeUndefined();
  });

  it("counts parallel hits exactly", async () => {
    const now = Date.parse("2026-12-01T13:00:00Z");
    const stores = [1, 2].map(() => storeAt("parallel-limit", () => now));
    const counts = await Promise.all(
      Array.from({ length: 40 }, (_, i) => stores[i % 2]?.increment("203.0.113.9")),
    );
    expect(counts.map((count) => count?.totalHits).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
  });

  it("has run-out windows deleted by the clean-up, and only those", async () => {
    const now = Date.now();
    await storeAt("cleanup-limit", () => now - windowMs - 1000).increment("192.0.2.1");
    await storeAt("cleanup-limit", () => now).increment("192.0.2.2");
    expect(await deleteExpiredHits(db.pool, new Date(now))).toBeGreaterThanOrEqual(1);
    const left = await db.pool.query<{ key: string }>(
      "select client_key as key from rate_limit_hits where limiter = 'cleanup-limit'",
    );
    expect(left.rows.map((row) => row.key)).toEqual(["192.0.2.2"]);
  });
});
